package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.HpaPins;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalInt;

/**
 * Weights for services with no layer-7 router: the canary's pods sit behind the stable Service, so
 * traffic follows the ratio of ready replicas. A weight becomes a {@link ReplicaSplit} of the
 * replicas the stable ran when the release began; the stable HPA the release pinned is held at
 * the stable share (at 0 stable replicas an HPA does nothing, so it is left alone).
 */
@ApplicationScoped
public class ReplicaRatioRouter implements TrafficRouter {

    private final CanaryWorkloads workloads;
    private final HpaPins hpas;

    ReplicaRatioRouter(CanaryWorkloads workloads, HpaPins hpas) {
        this.workloads = workloads;
        this.hpas = hpas;
    }

    @Override
    public TrafficSpec.Router kind() {
        return TrafficSpec.Router.REPLICAS;
    }

    @Override
    public RouteChange setCanaryWeight(RouteTarget target, int canaryWeight) {
        String canary = CanaryWorkloads.canaryName(target.deployment());
        ReplicaSplit split = ReplicaSplit.of(target.baselineReplicas(), canaryWeight);
        if (workloads.replicas(target.namespace(), canary).isEmpty()) {
            if (split.canary() > 0) {
                throw new RoutingException("Deployment `" + canary + "` does not exist in namespace `" + target.namespace() + "`.");
            }
            boolean changed = holdStable(target, split.stable());
            return new RouteChange(changed, "replicas: stable " + split.stable() + ", no canary");
        }
        String before = describe(target);
        // grow before shrinking: the side gaining traffic gets its pods first
        boolean changed;
        if (split.stable() >= workloads.replicas(target.namespace(), target.deployment()).orElse(0)) {
            changed = holdStable(target, split.stable()) | workloads.scale(target.namespace(), canary, split.canary());
        } else {
            changed = workloads.scale(target.namespace(), canary, split.canary()) | holdStable(target, split.stable());
        }
        return new RouteChange(changed, "replicas: " + before + " → canary " + split.canary() + ", stable " + split.stable()
                + " (≈" + split.weight() + "%)");
    }

    @Override
    public OptionalInt canaryWeight(RouteTarget target) {
        OptionalInt canary = workloads.replicas(target.namespace(), CanaryWorkloads.canaryName(target.deployment()));
        OptionalInt stable = workloads.replicas(target.namespace(), target.deployment());
        if (stable.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(new ReplicaSplit(canary.orElse(0), stable.getAsInt()).weight());
    }

    @Override
    public RouteChange restoreStableCapacity(RouteTarget target) {
        boolean changed = holdStable(target, Math.max(1, target.baselineReplicas()));
        return new RouteChange(changed, "stable back to " + Math.max(1, target.baselineReplicas()) + " replicas");
    }

    private boolean holdStable(RouteTarget target, int replicas) {
        boolean changed = false;
        if (replicas > 0 && target.pinnedHpa().isPresent()) {
            changed = hpas.setBounds(target.namespace(), target.pinnedHpa().get(), replicas, replicas);
        }
        return workloads.scale(target.namespace(), target.deployment(), replicas) | changed;
    }

    private String describe(RouteTarget target) {
        return "canary " + workloads.replicas(target.namespace(), CanaryWorkloads.canaryName(target.deployment())).orElse(0)
                + ", stable " + workloads.replicas(target.namespace(), target.deployment()).orElse(0);
    }
}
