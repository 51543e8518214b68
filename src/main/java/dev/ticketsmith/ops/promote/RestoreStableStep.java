package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.routing.RoutingException;
import dev.ticketsmith.kube.routing.TrafficRouter;
import dev.ticketsmith.kube.routing.TrafficRouters;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.restore-stable} (rollback): when finalise had already given the stable the new
 * image, records that it puts the recorded image back (committed before it writes it, so a crash
 * cannot skip the wait), puts it back, and waits until the stable is serving (rolled out and every
 * replica ready on that image) before traffic returns to it and the canary goes; meanwhile a stable
 * that carries traffic keeps its own selector, so none of its pods stops being an endpoint. A stable
 * that never stopped serving its own image gets the traffic back in this very reconcile. Fails
 * after {@code readyTimeout}, for a person to look.
 */
@ApplicationScoped
public class RestoreStableStep implements StepAction {

    static final String RESTORED = "rollback.stableRestored";

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;
    private final StableIsolation isolation;
    private final TrafficRouters routers;

    RestoreStableStep(ReleaseTarget targets, CanaryWorkloads workloads, StableIsolation isolation, TrafficRouters routers) {
        this.targets = targets;
        this.workloads = workloads;
        this.isolation = isolation;
        this.routers = routers;
    }

    @Override
    public String type() {
        return "canary.restore-stable";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        var previous = ctx.handle(Handles.STABLE_IMAGE);
        if (previous.isEmpty()) {
            return StepResult.done("stable untouched");
        }
        ReleaseSpec t = targets.of(ctx);
        boolean differs = !previous.get().equals(CanaryWorkloads.imageOf(workloads.stable(t.namespace(), t.deployment()), t.container()));
        if (differs && ctx.handle(RESTORED).isEmpty()) {
            ctx.putHandle(RESTORED, ctx.now().toString());
            return StepResult.waitFor(Duration.ZERO, "putting the stable image back to " + previous.get());
        }
        TrafficRouter router = routers.forKind(t.traffic().router()).orElseThrow();
        boolean carries = stableCarriesTraffic(router, t, ctx);
        if (differs && carries && t.layer7() && isolation.narrows(ctx) && canaryStillUp(t)) {
            // the serving stable keeps every pod as an endpoint while it rolls back, so the canary (serving
            // nothing now) must be gone first, or the stable Service would reach it too
            workloads.scale(t.namespace(), CanaryWorkloads.canaryName(t.deployment()), 0);
            return waitOrFail(ctx, t, "taking the canary down before the stable rolls back to " + previous.get());
        }
        if (differs) {
            workloads.setStableImage(t.namespace(), t.deployment(), t.container(), previous.get());
        }
        isolation.narrow(ctx, t, carries);
        boolean serving = workloads.stableRolledOut(t.namespace(), t.deployment());
        if (ctx.handle(RESTORED).isEmpty()) {
            // the stable never stopped serving its own image: traffic goes back to it in this very reconcile
            return StepResult.done("stable still runs " + previous.get() + (serving ? "; " + backToStable(router, ctx, t) : ""));
        }
        if (serving) {
            return StepResult.done("stable set back to " + previous.get() + " and serving; " + backToStable(router, ctx, t));
        }
        return waitOrFail(ctx, t, "stable rolling back to " + previous.get() + "; traffic moves once it is ready");
    }

    private boolean canaryStillUp(ReleaseSpec t) {
        return workloads.replicas(t.namespace(), CanaryWorkloads.canaryName(t.deployment())).orElse(0) > 0
                || workloads.canaryPodsLeft(t.namespace(), t.deployment());
    }

    private static StepResult waitOrFail(StepContext ctx, ReleaseSpec t, String what) {
        if (ctx.elapsed().compareTo(t.readyTimeout()) > 0) {
            return StepResult.fail(what + ": not done within " + t.readyTimeout().toMinutes() + "m; a person must look");
        }
        return StepResult.waitFor(Duration.ofSeconds(2), what);
    }

    private static boolean stableCarriesTraffic(TrafficRouter router, ReleaseSpec t, StepContext ctx) {
        try {
            return router.canaryWeight(ReleaseTarget.route(t, ctx)).orElse(0) < 100;
        } catch (RoutingException e) {
            return true;
        }
    }

    /** Traffic back to the serving stable now (the next step confirms it); a router that cannot be set is left to that step. */
    private static String backToStable(TrafficRouter router, StepContext ctx, ReleaseSpec t) {
        try {
            return router.setCanaryWeight(ReleaseTarget.route(t, ctx), 0).detail();
        } catch (RoutingException e) {
            return "no route to reset: " + e.getMessage();
        }
    }
}
