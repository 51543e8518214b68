package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.StableSelectors;
import dev.ticketsmith.kube.routing.RouteChange;
import dev.ticketsmith.kube.routing.TrafficRouter;
import dev.ticketsmith.kube.routing.TrafficRouters;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * {@code canary.finalize}: the stable Deployment takes the new image (and, when routing by replica
 * ratio, its replicas back); once every stable replica runs it and is ready, the stable Service is
 * pointed at the new stable ReplicaSet and traffic returns to the stable version (canary weight 0).
 */
@ApplicationScoped
public class FinalizeStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;
    private final TrafficRouters routers;
    private final StableIsolation isolation;
    private final StableSelectors selectors;

    FinalizeStep(ReleaseTarget targets, CanaryWorkloads workloads, TrafficRouters routers, StableIsolation isolation,
                 StableSelectors selectors) {
        this.selectors = selectors;
        this.targets = targets;
        this.workloads = workloads;
        this.routers = routers;
        this.isolation = isolation;
    }

    @Override
    public String type() {
        return "canary.finalize";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        String image = ctx.handle(Handles.IMAGE).orElseThrow();
        TrafficRouter router = routers.forKind(t.traffic().router()).orElseThrow();
        workloads.setStableImage(t.namespace(), t.deployment(), t.container(), image); // first: new pods must not be old ones
        router.restoreStableCapacity(ReleaseTarget.route(t, ctx));
        // the stable Service follows the new ReplicaSet as its pods come up (it carries no traffic yet),
        // so they are its endpoints, and registered at the load balancer, before traffic returns to it
        isolation.narrow(ctx, t, !t.layer7());
        if (!workloads.stableRolledOut(t.namespace(), t.deployment())) {
            Duration timeout = t.readyTimeout();
            if (ctx.elapsed().compareTo(timeout) > 0) {
                return StepResult.fail("the stable Deployment did not roll out " + image + " within " + timeout.toMinutes() + "m");
            }
            return StepResult.waitFor(Duration.ofSeconds(2), "stable rolling out " + image);
        }
        isolation.narrow(ctx, t, !t.layer7());
        OptionalInt endpoints = selectors.readyEndpoints(t.namespace(), t.traffic().stableService());
        int replicas = workloads.replicas(t.namespace(), t.deployment()).orElse(0);
        if (t.layer7() && endpoints.isPresent() && endpoints.getAsInt() < replicas) {
            return StepResult.waitFor(Duration.ofSeconds(2), "stable rolled out; " + endpoints.getAsInt() + "/" + replicas
                    + " of its pods are ready endpoints of Service " + t.traffic().stableService() + ", traffic returns once all are");
        }
        RouteChange change = router.setCanaryWeight(ReleaseTarget.route(t, ctx), 0);
        if (!change.settled()) {
            return StepResult.waitFor(Duration.ofSeconds(2), change.detail());
        }
        return StepResult.done("stable runs " + image + "; " + change.detail());
    }
}
