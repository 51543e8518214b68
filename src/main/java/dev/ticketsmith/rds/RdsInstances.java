package dev.ticketsmith.rds;

import dev.ticketsmith.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.ticketsmith.rds.AwsFailure.calling;
import static dev.ticketsmith.rds.AwsFailure.lookingUp;

/**
 * RDS DB instances: read one, restore one from a snapshot or to a point in time, delete a restore
 * test's scratch instance, list scratch instances for the sweeper.
 *
 * <p>Each method makes single calls and returns at once: steps poll, they never sleep. The RDS
 * client does not retry (see {@link AwsClients}), so a throttled call surfaces at once as an
 * {@link AwsFailure} of kind {@code THROTTLED} and the step backs off on its own clock with
 * {@link Backoff}. Every call that changes something is repeatable: a step that runs twice (after a
 * crash, or because its first answer was lost) gets the same outcome.
 */
@ApplicationScoped
public class RdsInstances {

    private final AwsClients aws;

    public RdsInstances(AwsClients aws) {
        this.aws = aws;
    }

    /** The instance, or empty when RDS has none of that identifier. */
    public Optional<DbInstance> instance(String instanceId) {
        return lookingUp("looking up RDS instance " + instanceId, () -> aws.rds()
                .describeDBInstances(r -> r.dbInstanceIdentifier(instanceId)).dbInstances().stream().findFirst().map(DbInstance::from));
    }

    /** Starts restoring {@code spec.snapshotId()} into a new instance; returns once RDS accepted the request. */
    public void restoreFromSnapshot(RestoreSpec spec) {
        if (spec.snapshotId() == null) {
            throw new IllegalArgumentException("a restore from a snapshot needs a snapshot id");
        }
        String action = "restore of snapshot " + spec.snapshotId() + " into RDS instance " + spec.newInstanceId();
        try {
            calling(action, () -> aws.rds().restoreDBInstanceFromDBSnapshot(r -> r.dbSnapshotIdentifier(spec.snapshotId())
                    .dbInstanceIdentifier(spec.newInstanceId()).dbInstanceClass(spec.instanceClass())
                    .dbParameterGroupName(spec.parameterGroup()).optionGroupName(spec.optionGroup())
                    .vpcSecurityGroupIds(spec.vpcSecurityGroupIds()).dbSubnetGroupName(spec.subnetGroup())
                    .multiAZ(spec.multiAz()).deletionProtection(spec.deletionProtection()).publiclyAccessible(false)
                    .copyTagsToSnapshot(spec.copyTagsToSnapshot()).caCertificateIdentifier(spec.caCertificateIdentifier())
                    .tags(RdsTags.toSdk(spec.tags()))));
        } catch (AwsFailure f) {
            acceptOwnInstance(spec, action, f);
        }
    }

    /**
     * Starts restoring {@code spec.sourceInstanceId()} as it was at {@code time} into a new instance,
     * or at its latest restorable time when {@code time} is empty.
     */
    public void restoreToPointInTime(RestoreSpec spec, Optional<Instant> time) {
        String action = "point-in-time restore of RDS instance " + spec.sourceInstanceId() + " ("
                + time.map(Instant::toString).orElse("latest restorable time") + ") into " + spec.newInstanceId();
        try {
            calling(action, () -> aws.rds().restoreDBInstanceToPointInTime(r -> r.sourceDBInstanceIdentifier(spec.sourceInstanceId())
                    .targetDBInstanceIdentifier(spec.newInstanceId()).restoreTime(time.orElse(null))
                    .useLatestRestorableTime(time.isEmpty() ? Boolean.TRUE : null).dbInstanceClass(spec.instanceClass())
                    .dbParameterGroupName(spec.parameterGroup()).optionGroupName(spec.optionGroup())
                    .vpcSecurityGroupIds(spec.vpcSecurityGroupIds()).dbSubnetGroupName(spec.subnetGroup())
                    .multiAZ(spec.multiAz()).deletionProtection(spec.deletionProtection()).publiclyAccessible(false)
                    .copyTagsToSnapshot(spec.copyTagsToSnapshot()).caCertificateIdentifier(spec.caCertificateIdentifier())
                    .tags(RdsTags.toSdk(spec.tags()))));
        } catch (AwsFailure f) {
            acceptOwnInstance(spec, action, f);
        }
    }

    /** "Already exists" is success when the instance is the one this operation asked for before. */
    private void acceptOwnInstance(RestoreSpec spec, String action, AwsFailure f) {
        if (f.kind() != AwsFailure.Kind.CONFLICT) {
            throw f;
        }
        DbInstance existing = instance(spec.newInstanceId()).orElseThrow(() -> f);
        String owner = existing.tag(RdsTags.OPERATION);
        if (owner != null && spec.operation().filter(owner::equals).isPresent()) {
            return;
        }
        throw new AwsFailure(AwsFailure.Kind.CONFLICT, f.code(), f.status(), action + " failed: an RDS instance named "
                + spec.newInstanceId() + " already exists and " + (owner == null ? "TICKETSMITH did not create it"
                        : "belongs to operation " + owner) + ". Choose another name, or delete that instance first", f.awsMessage());
    }

    /**
     * Deletes a restore test's scratch instance, without a final snapshot and with its automated
     * backups, turning deletion protection off first if it is on. Refuses ({@link NotScratchException})
     * any instance not tagged {@code ticketsmith:managed=true} and {@code ticketsmith:purpose=restore-test}.
     * An instance already gone or already {@code deleting} is success.
     */
    public void deleteScratch(String instanceId) {
        Optional<DbInstance> found = instance(instanceId);
        if (found.isEmpty() || "deleting".equals(found.get().status())) {
            return;
        }
        DbInstance scratch = found.get();
        if (!RdsTags.isScratch(scratch.tags())) {
            throw new NotScratchException(scratch);
        }
        if (scratch.deletionProtection()) {
            calling("turning off deletion protection of scratch RDS instance " + instanceId, () -> aws.rds()
                    .modifyDBInstance(r -> r.dbInstanceIdentifier(instanceId).deletionProtection(false).applyImmediately(true)));
        }
        try {
            calling("deleting scratch RDS instance " + instanceId, () -> aws.rds().deleteDBInstance(r -> r
                    .dbInstanceIdentifier(instanceId).skipFinalSnapshot(true).deleteAutomatedBackups(true)));
        } catch (AwsFailure f) {
            boolean goneOrGoing = f.kind() == AwsFailure.Kind.NOT_FOUND || (f.kind() == AwsFailure.Kind.INVALID
                    && instance(instanceId).map(i -> "deleting".equals(i.status())).orElse(true));
            if (!goneOrGoing) {
                throw f;
            }
        }
    }

    /** Every instance tagged as a restore test's scratch instance, for the sweeper. */
    public List<DbInstance> scratchInstances() {
        return calling("listing RDS instances", () -> aws.rds().describeDBInstancesPaginator(r -> { }).stream()
                .flatMap(page -> page.dbInstances().stream()).map(DbInstance::from)
                .filter(i -> RdsTags.isScratch(i.tags())).toList());
    }
}
