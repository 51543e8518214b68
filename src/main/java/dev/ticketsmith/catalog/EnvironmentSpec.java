package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One environment of the catalogue: where it runs, where its operations are announced and who may
 * request and approve them. Read from {@code environments.<name>}.
 *
 * @param name the environment's key in the catalogue, as typed in commands
 * @param namespace the Kubernetes namespace its services run in (a DNS label)
 * @param channel the Slack channel id where operations in this environment are posted
 * @param requesters who may promote, scale, lock, back up and restore here
 * @param approvers who may approve operations here; they may also request
 * @param oncall who may roll back here besides requesters and approvers
 * @param approvals how many distinct approvers must approve an operation; 0 means none
 * @param approvalTtl how long an approval stays valid
 * @param rollback whether a rollback needs the approvals ({@code approval}) or not ({@code break-glass})
 * @param provenance where an artifact must have been healthy, and for how long, before it comes here
 * @param freezes recurring windows in which promotions and scaling overrides are refused
 * @param cluster the cluster it runs in: {@code in-cluster} (the default) or a kubeconfig Secret and context
 */
public record EnvironmentSpec(
        @MapKey String name,
        @Required String namespace,
        @Required String channel,
        Principals requesters,
        Principals approvers,
        Principals oncall,
        @Default("0") int approvals,
        @Default("30m") Duration approvalTtl,
        @Default("approval") RollbackMode rollback,
        Optional<Provenance> provenance,
        List<FreezeSpec> freezes,
        Optional<ClusterSpec> cluster) {

    /** A missing list of freezes means none; a missing cluster is the one TICKETSMITH runs in. */
    public EnvironmentSpec {
        freezes = freezes == null ? List.of() : List.copyOf(freezes);
        cluster = cluster == null ? Optional.empty() : cluster.filter(c -> !c.inCluster());
    }

    /**
     * The namespace as TICKETSMITH's Kubernetes adapters take it: the namespace itself in-cluster,
     * {@code <secret>[:<context>]/<namespace>} in another cluster (a namespace name has no slash).
     */
    public String kubeNamespace() {
        return cluster.map(c -> c.ref() + "/" + namespace).orElse(namespace);
    }

    /** Whether rolling back in an environment waits for its approvals. */
    public enum RollbackMode {
        /** A rollback needs the same approvals as any other change. */
        APPROVAL,
        /** A rollback runs at once; approvals are not asked for. */
        BREAK_GLASS
    }

    /**
     * A promotion gate: an artifact may only come to this environment after it has run healthy in
     * {@code minHealthyIn} for at least {@code healthyFor}.
     *
     * @param minHealthyIn the environment the artifact must have run in
     * @param healthyFor how long it must have been healthy there (YAML key {@code for})
     */
    public record Provenance(@Required String minHealthyIn, @Required @YamlName("for") Duration healthyFor) {
    }

    /** Whether a rollback here has to wait for approvals. */
    public boolean rollbackNeedsApproval() {
        return rollback == RollbackMode.APPROVAL && approvals > 0;
    }
}
