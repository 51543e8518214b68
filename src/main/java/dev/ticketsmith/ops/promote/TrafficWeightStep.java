package dev.ticketsmith.ops.promote;

import dev.ticketsmith.aws.AwsSettings;
import dev.ticketsmith.kube.CanaryState;
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
import java.time.Instant;
import java.util.Optional;

/**
 * {@code canary.weight}: gives the canary {@code weight} percent at the service's router, then holds
 * it for {@code hold} while the canary's health must hold: every pod ready (the hold waits for
 * them), the Deployment progressing, no crash loop, restarts
 * within bounds, the Prometheus checks within theirs and, behind an ALB with AWS access, the weight
 * really applied by the load balancer with no canary target unhealthy (on the rollback path, weight 0 and no
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
    private final AlbTrafficCheck albCheck;
    private final AwsSettings aws;

    TrafficWeightStep(ReleaseTarget targets, TrafficRouters routers, CanaryWorkloads workloads, PrometheusAnalysis metrics,
                      AlbTrafficCheck albCheck, AwsSettings aws) {
        this.targets = targets;
        this.routers = routers;
        this.workloads = workloads;
        this.metrics = metrics;
        this.albCheck = albCheck;
        this.aws = aws;
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
        if (ctx.rollingBack()) {
            return StepResult.done(change.detail());
        }
        CanaryState canary = workloads.canaryState(t.namespace(), t.deployment());
        String unhealthy = CanaryHealth.problem(canary, Integer.parseInt(ctx.step().param("maxRestarts")));
        if (unhealthy == null) {
            unhealthy = metrics.problem(t.service(), t.environment()).orElse(null);
        }
        if (unhealthy != null) {
            return StepResult.fail("at " + weight + "%: " + unhealthy);
        }
        if (canary.ready() < canary.desired()) {
            ctx.watched();
            ctx.putHandle(Handles.WEIGHT_IN_FORCE, "");
            Duration timeout = Duration.parse(ctx.step().param("readyTimeout", "PT10M"));
            if (ctx.elapsed().compareTo(timeout) > 0) {
                return StepResult.fail("at " + weight + "%: only " + canary.ready() + "/" + canary.desired() + " canary replicas ready after "
                        + timeout.toSeconds() + "s");
            }
            return StepResult.waitFor(Duration.ofSeconds(2), canary.ready() + "/" + canary.desired() + " canary replicas ready at " + weight
                    + "%; the hold waits for all");
        }
        String applied = "";
        Optional<AlbTrafficCheck.Verdict> alb = albCheck.check(t.namespace(), t.service().traffic(), weight);
        if (alb.isPresent() && alb.get() instanceof AlbTrafficCheck.Unhealthy sick) {
            return StepResult.fail("at " + weight + "%: " + sick.reason());
        }
        if (alb.isPresent() && alb.get() instanceof AlbTrafficCheck.Pending pending) {
            ctx.watched();
            if (ctx.elapsed().compareTo(aws.albApplyTimeout()) > 0) {
                return StepResult.fail("at " + weight + "%: after " + aws.albApplyTimeout().toSeconds() + "s " + pending.reason());
            }
            return StepResult.waitFor(Duration.ofSeconds(2), pending.reason());
        }
        if (alb.isPresent()) {
            applied = "; " + ((AlbTrafficCheck.Applied) alb.get()).detail();
        }
        ctx.watched();
        Duration hold = ctx.skipHolds() ? Duration.ZERO : Duration.parse(ctx.step().param("hold"));
        if (heldFor(ctx, weight).compareTo(hold) >= 0) {
            return StepResult.done(change.detail() + applied + (hold.isZero() ? "" : ", healthy for " + hold.toSeconds() + "s"));
        }
        return StepResult.waitFor(Duration.ofSeconds(Math.min(2, Math.max(1, hold.toSeconds()))), "canary at " + weight + "%, holding");
    }

    /**
     * How long the weight has been in force and healthy: the hold counts from the first check that
     * found it so (at once for routers that act immediately, once the ALB applies it otherwise),
     * and never from before the step (re)started.
     */
    private static Duration heldFor(StepContext ctx, int weight) {
        String mark = weight + "@";
        String since = ctx.handle(Handles.WEIGHT_IN_FORCE).filter(v -> v.startsWith(mark)).orElse(null);
        if (since == null) {
            ctx.putHandle(Handles.WEIGHT_IN_FORCE, mark + ctx.now());
            return Duration.ZERO;
        }
        Duration applied = Duration.between(Instant.parse(since.substring(mark.length())), ctx.now());
        return applied.compareTo(ctx.elapsed()) < 0 ? applied : ctx.elapsed();
    }
}
