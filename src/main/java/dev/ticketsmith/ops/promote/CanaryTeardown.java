package dev.ticketsmith.ops.promote;

import dev.ticketsmith.config.ReleaseSettings;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.routing.RouteChange;
import dev.ticketsmith.kube.routing.TrafficRouter;
import dev.ticketsmith.kube.routing.TrafficRouters;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a canary away in the only safe order, one reconcile at a time: out of the router first
 * (the load balancer controller fails a whole Ingress group over a forward action that names a
 * missing Service), then, after a grace for the controller to see that, the canary Deployment and
 * the canary Service, and once the canary's pods are gone the stable Service's own selector back.
 * Each stage is recorded, so a restart picks up where it stopped.
 */
@ApplicationScoped
public class CanaryTeardown {

    private final TrafficRouters routers;
    private final CanaryWorkloads workloads;
    private final StableIsolation isolation;
    private final ReleaseSettings settings;

    CanaryTeardown(TrafficRouters routers, CanaryWorkloads workloads, StableIsolation isolation, ReleaseSettings settings) {
        this.routers = routers;
        this.workloads = workloads;
        this.isolation = isolation;
        this.settings = settings;
    }

    StepResult run(StepContext ctx, ReleaseSpec t) {
        List<String> done = new ArrayList<>();
        if (ctx.handle(Handles.CANARY_DETACHED_AT).isEmpty()) {
            TrafficRouter router = routers.forKind(t.traffic().router()).orElseThrow();
            RouteChange change = router.detachCanary(ReleaseTarget.route(t, ctx));
            ctx.putHandle(Handles.CANARY_DETACHED_AT, ctx.now().toString());
            if (change.changed()) {
                return StepResult.waitFor(settings.detachGrace(), change.detail() + "; the canary goes in "
                        + settings.detachGrace().toSeconds() + "s");
            }
        }
        if (since(ctx, Handles.CANARY_DETACHED_AT).compareTo(settings.detachGrace()) < 0) {
            return StepResult.waitFor(Duration.ofSeconds(1), "the canary goes once the load balancer controller has seen the route without it");
        }
        if (ctx.handle(Handles.CANARY_DELETED_AT).isEmpty()) {
            if (workloads.deleteCanaryDeployment(t.namespace(), t.deployment())) {
                done.add("canary Deployment deleted");
            }
            if (workloads.deleteCanaryService(t.namespace(), t.traffic().canaryService())) {
                done.add("canary Service deleted");
            }
            ctx.putHandle(Handles.CANARY_DELETED_AT, ctx.now().toString());
        }
        if (isolation.narrows(ctx)) {
            boolean podsLeft = workloads.canaryPodsLeft(t.namespace(), t.deployment());
            if (podsLeft && since(ctx, Handles.CANARY_DELETED_AT).compareTo(settings.canaryPodsGoneTimeout()) < 0) {
                return StepResult.waitFor(Duration.ofSeconds(2), "waiting for the canary's pods to be gone before the stable Service"
                        + " gets its own selector back");
            }
            if (isolation.restore(ctx, t)) {
                done.add("stable Service selector given back");
            }
        }
        return StepResult.done(done.isEmpty() ? "no canary left" : String.join(", ", done));
    }

    private static Duration since(StepContext ctx, String handle) {
        return Duration.between(Instant.parse(ctx.handle(handle).orElseThrow()), ctx.now());
    }
}
