package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.RestoreHandles;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of a restore, read from its handles: each phase's time, the RTO they add up to, the
 * true RPO (the newest data found by the freshness checks, else the backup's data time: the dump's
 * start, the snapshot's database time or the point in time restored to) and the copy's cost.
 */
record RestoreFigures(Long provisionMs, Long restoreMs, Long validationMs, Long cutoverMs, Duration rpo, Instant dataAsOf,
                      Double costUsd, Duration copyLifetime) {

    static RestoreFigures of(Map<String, String> handles, Instant now, Optional<Double> pricePerHour, Duration keepFor) {
        BackupRef backup = BackupRef.fromHandles(handles, RestoreHandles.BACKUP);
        Instant dataAsOf = Optional.ofNullable(handles.get(RestoreHandles.DATA_TIME)).map(Instant::parse)
                .orElse(backup == null ? null : backup.dataAsOf());
        Instant started = Optional.ofNullable(handles.get(ProvisionStep.STARTED_AT)).map(Instant::parse).orElse(null);
        Duration lifetime = started == null ? Duration.ZERO : Duration.between(started, now).plus(keepFor);
        // RDS bills a DB instance per second with a 10-minute minimum
        Duration billed = lifetime.isZero() ? lifetime : lifetime.compareTo(Duration.ofMinutes(10)) < 0 ? Duration.ofMinutes(10) : lifetime;
        Double cost = pricePerHour.map(price -> Math.round(price * billed.toSeconds() / 3600.0 * 100) / 100.0).orElse(null);
        return new RestoreFigures(ms(handles, RestoreHandles.PROVISION_MS), ms(handles, RestoreHandles.RESTORE_MS),
                ms(handles, RestoreHandles.VALIDATION_MS), ms(handles, RestoreHandles.CUTOVER_MS),
                dataAsOf == null ? null : Duration.between(dataAsOf, now), dataAsOf, cost, lifetime);
    }

    /** Provisioning, restore and validation: the time to a usable, checked copy. */
    Long rtoMs() {
        if (provisionMs == null && restoreMs == null && validationMs == null) {
            return null;
        }
        return nz(provisionMs) + nz(restoreMs) + nz(validationMs);
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static Long ms(Map<String, String> handles, String key) {
        String v = handles.get(key);
        return v == null ? null : Long.parseLong(v);
    }
}
