package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.routing.RouteChange;
import dev.ticketsmith.kube.routing.RoutingException;
import dev.ticketsmith.kube.routing.TrafficRouter;
import dev.ticketsmith.kube.routing.TrafficRouters;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.weight}: gives the canary {@code weight} percent at the service's router, then holds
 * it for {@code hold} while the canary's health must hold: pods ready, no crash loop, restarts
 * within bounds, and the Prometheus checks within theirs (on the rollback path, weight 0 and no
 * checks: getting traffic back to stable comes first). After a gap in the checks longer than
 * {@code maxUnwatched} (every replica down, say) the step fails rather than vouch for health it
 * did not see.
 */
@ApplicationScoped
public class TrafficWeightStep implements StepAction {

    private final ReleaseTarget targets;
    private final TrafficRouters routers;
    private final CanaryWorkloads workloads;
    private final PrometheusAnalysis metrics;

    TrafficWeightStep(ReleaseTarget targets, TrafficRouters routers, CanaryWorkloads workloads, PrometheusAnalysis metrics) {
        this.targets = targets;
        this.routers = routers;
        this.workloads = workloads;
        this.metrics = metrics;
    }

    @Override
    public String type() {
        return "canary.weight";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseTarget.Resolved t = targets.of(ctx);
        int weight = Integer.parseInt(ctx.step().param("weight"));
        if (!ctx.rollingBack()) {
            Duration limit = Duration.parse(ctx.step().param("maxUnwatched", "PT1M"));
            Duration gap = ctx.unwatchedFor().orElse(Duration.ZERO);
            if (gap.compareTo(limit) > 0) {
                return StepResult.fail("the canary carried traffic for " + gap.toSeconds() + "s without a health check (longer than "
                        + limit.toSeconds() + "s; was the bot down?), so it is not trusted");
            }
        }
        TrafficRouter router = routers.forKind(t.service().traffic().router()).orElseThrow(() -> new IllegalStateException(
                "no router for " + t.service().traffic().router()));
        RouteChange change;
        try {
            change = router.setCanaryWeight(t.route(ctx), weight);
        } catch (RoutingException e) {
            // a router that cannot be set up is a configuration problem: no retries; on the way back, nothing to reset
            return ctx.rollingBack() ? StepResult.done("no route to reset: " + e.getMessage()) : StepResult.fail(e.getMessage());
        }
        if (!ctx.rollingBack()) {
            String unhealthy = CanaryHealth.problem(workloads.canaryState(t.namespace(), t.deployment()),
                    Integer.parseInt(ctx.step().param("maxRestarts")));
            if (unhealthy == null) {
                unhealthy = metrics.problem(t.service(), t.environment()).orElse(null);
            }
            if (unhealthy != null) {
                return StepResult.fail("at " + weight + "%: " + unhealthy);
            }
            ctx.watched();
        }
        Duration hold = ctx.skipHolds() ? Duration.ZERO : Duration.parse(ctx.step().param("hold"));
        if (ctx.elapsed().compareTo(hold) >= 0) {
            return StepResult.done(change.detail() + (hold.isZero() ? "" : ", healthy for " + hold.toSeconds() + "s"));
        }
        return StepResult.waitFor(Duration.ofSeconds(Math.min(2, Math.max(1, hold.toSeconds()))), "canary at " + weight + "%, holding");
    }
}
