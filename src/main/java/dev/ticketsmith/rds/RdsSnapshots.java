package dev.ticketsmith.rds;

import dev.ticketsmith.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.ticketsmith.rds.AwsFailure.calling;
import static dev.ticketsmith.rds.AwsFailure.lookingUp;

/**
 * RDS DB snapshots: take one, look one up, find the newest to restore from. Each method is one
 * call (or one paginated listing) without retries, for steps that poll; failures are
 * {@link AwsFailure}s, and "not found" is an empty result.
 */
@ApplicationScoped
public class RdsSnapshots {

    private static final Set<String> RESTORABLE_TYPES = Set.of("manual", "automated");
    private final AwsClients aws;

    public RdsSnapshots(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * Starts a manual snapshot of {@code instanceId} tagged with {@code tags} plus
     * {@code ticketsmith:managed=true}, and returns it (usually {@code creating}). Repeatable: when a
     * snapshot of that name already exists for the same instance, returns it instead.
     */
    public Snapshot createSnapshot(String instanceId, String snapshotId, Map<String, String> tags) {
        String action = "snapshot of RDS instance " + instanceId + " as " + snapshotId;
        try {
            return Snapshot.from(calling(action, () -> aws.rds().createDBSnapshot(r -> r.dbInstanceIdentifier(instanceId)
                    .dbSnapshotIdentifier(snapshotId).tags(RdsTags.toSdk(RdsTags.managed(tags))))).dbSnapshot());
        } catch (AwsFailure f) {
            if (f.kind() != AwsFailure.Kind.CONFLICT) {
                throw f;
            }
            Snapshot existing = snapshot(snapshotId).orElseThrow(() -> f);
            if (!instanceId.equals(existing.instanceId())) {
                throw new AwsFailure(AwsFailure.Kind.CONFLICT, f.code(), f.status(), action + " failed: a snapshot named "
                        + snapshotId + " already exists for another instance (" + existing.instanceId() + ")", f.awsMessage());
            }
            return existing;
        }
    }

    /** The snapshot of that identifier, or empty when RDS has none. */
    public Optional<Snapshot> snapshot(String snapshotId) {
        return lookingUp("looking up RDS snapshot " + snapshotId, () -> aws.rds()
                .describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots().stream().findFirst().map(Snapshot::from));
    }

    /** The newest {@code available} snapshot of the instance, automated or manual, by creation time. */
    public Optional<Snapshot> latestSnapshot(String instanceId) {
        return lookingUp("listing the snapshots of RDS instance " + instanceId, () -> aws.rds()
                .describeDBSnapshotsPaginator(r -> r.dbInstanceIdentifier(instanceId)).stream()
                .flatMap(page -> page.dbSnapshots().stream())
                .map(Snapshot::from)
                .filter(s -> s.available() && RESTORABLE_TYPES.contains(s.type()) && s.createTime() != null)
                .max(Comparator.comparing(Snapshot::createTime)));
    }
}
