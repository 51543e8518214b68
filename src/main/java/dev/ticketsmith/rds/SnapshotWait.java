package dev.ticketsmith.rds;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/** Waits, one check per tick, for an RDS snapshot to go from {@code creating} to {@code available}. */
@ApplicationScoped
public class SnapshotWait extends StatusWait<Snapshot> {

    private static final Map<String, String> FAILED = Map.of(
            "failed", "RDS could not create it",
            "error", "RDS could not create it",
            "deleting", "it is being deleted");

    private final RdsSnapshots snapshots;

    public SnapshotWait(RdsSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    String noun() {
        return "RDS snapshot";
    }

    @Override
    Optional<Snapshot> lookup(String id) {
        return snapshots.snapshot(id);
    }

    @Override
    String status(Snapshot value) {
        return value.status();
    }

    @Override
    boolean ready(Snapshot value) {
        return value.available();
    }

    @Override
    Map<String, String> failedStatuses() {
        return FAILED;
    }
}
