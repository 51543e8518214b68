package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.routing.TrafficRouter;
import dev.ticketsmith.kube.routing.TrafficRouters;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.finalize}: the stable Deployment takes the new image (and, when routing by replica
 * ratio, its replicas back); once every stable replica runs it and is ready, traffic returns to the
 * stable version (canary weight 0).
 */
@ApplicationScoped
public class FinalizeStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;
    private final TrafficRouters routers;

    FinalizeStep(ReleaseTarget targets, CanaryWorkloads workloads, TrafficRouters routers) {
        this.targets = targets;
        this.workloads = workloads;
        this.routers = routers;
    }

    @Override
    public String type() {
        return "canary.finalize";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseTarget.Resolved t = targets.of(ctx);
        String image = ctx.handle(Handles.IMAGE).orElseThrow();
        TrafficRouter router = routers.forKind(t.service().traffic().router()).orElseThrow();
        workloads.setStableImage(t.namespace(), t.deployment(), t.container(), image); // first: new pods must not be old ones
        router.restoreStableCapacity(t.route(ctx));
        if (!workloads.stableRolledOut(t.namespace(), t.deployment())) {
            Duration timeout = Duration.parse(ctx.step().param("timeout"));
            if (ctx.elapsed().compareTo(timeout) > 0) {
                return StepResult.fail("the stable Deployment did not roll out " + image + " within " + timeout.toMinutes() + "m");
            }
            return StepResult.waitFor(Duration.ofSeconds(2), "stable rolling out " + image);
        }
        var change = router.setCanaryWeight(t.route(ctx), 0);
        if (!change.settled()) {
            return StepResult.waitFor(Duration.ofSeconds(2), change.detail());
        }
        return StepResult.done("stable runs " + image + "; " + change.detail());
    }
}
