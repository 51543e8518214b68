package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.HpaBounds;
import dev.ticketsmith.kube.HpaPins;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.OptionalInt;

/**
 * Weights for services with no layer-7 router: the canary's pods sit behind the stable Service, so
 * traffic follows the ratio of ready replicas. A weight becomes a {@link ReplicaSplit} of the
 * release's total (the stable's replicas when the release began, or more if it has grown since).
 * Capacity never dips: the side gaining traffic is scaled first, and the other gives up as many
 * pods as the new side has ready on its current template (until all are, the change is not settled). The stable HPA the release pinned
 * is held at the stable share; at 0 stable replicas an HPA does nothing, so it is left alone.
 */
@ApplicationScoped
public class ReplicaRatioRouter implements TrafficRouter {

    private final CanaryWorkloads workloads;
    private final HpaPins hpas;
    private final HpaBounds bounds;

    ReplicaRatioRouter(CanaryWorkloads workloads, HpaPins hpas, HpaBounds bounds) {
        this.bounds = bounds;
        this.workloads = workloads;
        this.hpas = hpas;
    }

    @Override
    public TrafficSpec.Router kind() {
        return TrafficSpec.Router.REPLICAS;
    }

    @Override
    public RouteChange setCanaryWeight(RouteTarget target, int canaryWeight) {
        String ns = target.namespace();
        String canary = CanaryWorkloads.canaryName(target.deployment());
        int stableNow = workloads.replicas(ns, target.deployment()).orElse(0);
        OptionalInt canaryNow = workloads.replicas(ns, canary);
        if (canaryNow.isEmpty() && canaryWeight > 0) {
            throw new RoutingException("Deployment `" + canary + "` does not exist in namespace `" + ns + "`.");
        }
        // the total is never less than what the stable runs now: a rollback never scales it down
        int total = canaryWeight == 0 ? Math.max(stableNow, target.baselineReplicas()) : Math.max(1, target.baselineReplicas());
        ReplicaSplit split = ReplicaSplit.of(total, canaryWeight);
        String detail = "replicas: canary " + canaryNow.orElse(0) + ", stable " + stableNow + " → canary " + split.canary()
                + ", stable " + split.stable() + " (≈" + split.weight() + "%)";
        // hand pods over one side to the other: the losing side gives up only as many as the
        // gaining side has ready, so ready capacity never drops and a quota never deadlocks
        boolean changed;
        boolean settled;
        if (split.stable() >= stableNow) {
            changed = holdStable(target, split.stable());
            int ready = workloads.readyOnTemplate(ns, target.deployment());
            int canaryKeeps = Math.max(split.canary(), split.stable() + split.canary() - ready);
            changed |= canaryNow.isPresent() && workloads.scale(ns, canary, Math.min(canaryNow.getAsInt(), canaryKeeps));
            settled = ready >= split.stable();
        } else {
            changed = workloads.scale(ns, canary, split.canary());
            int ready = workloads.readyOnTemplate(ns, canary);
            int stableKeeps = Math.max(split.stable(), split.stable() + split.canary() - ready);
            changed |= holdStable(target, Math.min(stableNow, stableKeeps));
            settled = ready >= split.canary();
        }
        if (!settled) {
            return new RouteChange(changed, detail + ", handing pods over as the new ones become ready", false);
        }
        return new RouteChange(changed, detail);
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
        int replicas = Math.max(workloads.replicas(target.namespace(), target.deployment()).orElse(0),
                Math.max(1, target.baselineReplicas()));
        boolean changed = holdStable(target, replicas);
        return new RouteChange(changed, "stable back to " + replicas + " replicas");
    }

    private boolean holdStable(RouteTarget target, int replicas) {
        boolean changed = false;
        if (replicas > 0 && target.pinnedHpa().isPresent()) {
            changed = target.holder() == null ? hpas.setBounds(target.namespace(), target.pinnedHpa().get(), replicas, replicas)
                    : bounds.hold(target.namespace(), target.pinnedHpa().get(), target.holder(), HpaBounds.Kind.PROMOTION, replicas, replicas).map(o -> o.written())
                    .orElse(false);
        }
        return workloads.scale(target.namespace(), target.deployment(), replicas) | changed;
    }
}
