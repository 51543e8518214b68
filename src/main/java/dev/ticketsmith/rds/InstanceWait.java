package dev.ticketsmith.rds;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Waits, one check per tick, for an RDS instance (a restore, usually) to be {@code available} with
 * an endpoint. Use this rather than the SDK's {@code RdsWaiter}, which sleeps and gives up after 30
 * minutes; the limit here is the caller's.
 */
@ApplicationScoped
public class InstanceWait extends StatusWait<DbInstance> {

    private static final Map<String, String> FAILED = Map.ofEntries(
            Map.entry("failed", "RDS could not create it"),
            Map.entry("restore-error", "RDS could not restore it"),
            Map.entry("incompatible-restore", "RDS cannot restore this backup onto this instance (engine version, "
                    + "instance class or storage); try another instance class or a newer snapshot"),
            Map.entry("incompatible-parameters", "its parameter group has settings this instance class or engine version "
                    + "cannot start with; fix the parameter group or override it in the catalogue"),
            Map.entry("incompatible-network", "its subnet group has no usable subnet or free IP address"),
            Map.entry("incompatible-option-group", "its option group does not fit this engine version"),
            Map.entry("storage-full", "its storage is full"),
            Map.entry("inaccessible-encryption-credentials", "RDS cannot use its KMS key (disabled, deleted or not granted)"),
            Map.entry("inaccessible-encryption-credentials-recoverable", "RDS cannot use its KMS key right now; re-enable the key"),
            Map.entry("deleting", "it is being deleted"),
            Map.entry("stopped", "it was stopped"));

    private final RdsInstances instances;

    public InstanceWait(RdsInstances instances) {
        this.instances = instances;
    }

    @Override
    String noun() {
        return "RDS instance";
    }

    @Override
    Optional<DbInstance> lookup(String id) {
        return instances.instance(id);
    }

    @Override
    String status(DbInstance value) {
        return value.status();
    }

    @Override
    boolean ready(DbInstance value) {
        return value.ready();
    }

    @Override
    Map<String, String> failedStatuses() {
        return FAILED;
    }
}
