package dev.ticketsmith.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A backup a restore can start from: a {@code pg_dump} archive (its location, SHA-256 and size) or
 * an RDS snapshot (its identifier). Frozen into an operation's handles under a prefix, so every
 * later step and the report name the same one.
 *
 * @param id what people type after {@code from}: the archive's name or the snapshot's identifier
 * @param location where it is: the archive's URI or the snapshot's ARN or identifier
 * @param sha256 the archive's SHA-256 (null for a snapshot)
 * @param sizeBytes its size, when known
 * @param takenAt when it was finished
 * @param dataTime the time of the newest data it holds, when known (a snapshot's database time)
 */
public record BackupRef(String id, String location, String sha256, Long sizeBytes, Instant takenAt, Instant dataTime) {

    public Duration age(Instant now) {
        return Duration.between(takenAt, now);
    }

    /** The time its data is from: the database time where known, else when it was taken. */
    public Instant dataAsOf() {
        return dataTime != null ? dataTime : takenAt;
    }

    public Map<String, String> toHandles(String prefix) {
        Map<String, String> m = new HashMap<>();
        m.put(prefix + "id", id);
        m.put(prefix + "location", location);
        if (sha256 != null) {
            m.put(prefix + "sha256", sha256);
        }
        if (sizeBytes != null) {
            m.put(prefix + "sizeBytes", Long.toString(sizeBytes));
        }
        m.put(prefix + "takenAt", takenAt.toString());
        if (dataTime != null) {
            m.put(prefix + "dataTime", dataTime.toString());
        }
        return m;
    }

    public static BackupRef fromHandles(Map<String, String> handles, String prefix) {
        if (!handles.containsKey(prefix + "id")) {
            return null;
        }
        String size = handles.get(prefix + "sizeBytes");
        String data = handles.get(prefix + "dataTime");
        return new BackupRef(handles.get(prefix + "id"), handles.get(prefix + "location"), handles.get(prefix + "sha256"),
                size == null ? null : Long.parseLong(size), Instant.parse(handles.get(prefix + "takenAt")),
                data == null ? null : Instant.parse(data));
    }
}
