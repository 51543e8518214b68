package dev.ticketsmith.ops.promote;

import dev.ticketsmith.aws.AwsSettings;
import dev.ticketsmith.catalog.TrafficSpec;
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

    private static final String ROUTE_WAIT = "traffic.routeWaitSince";
    private static final String READY_WAIT = "traffic.readyWaitSince";
    private static final String ALB_WAIT = "traffic.albWaitSince";
    private static final String ALB_APPLIED = "traffic.albApplied";
    static final Duration ALB_RECHECK = Duration.ofSeconds(10);

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
        if (!ctx.rollingBack() && router.kind() == TrafficSpec.Router.REPLICAS) {
            keepTotalUpToDate(ctx, t);
        }
        Duration readyTimeout = Duration.parse(ctx.step().param("readyTimeout", "PT10M"));
        CanaryState canary = null;
        if (!ctx.rollingBack()) { // health first: an unhealthy canary gets no more traffic
            canary = workloads.canaryState(t.namespace(), t.deployment());
            String unhealthy = CanaryHealth.problem(canary, Integer.parseInt(ctx.step().param("maxRestarts")));
            if (unhealthy == null && canary.stalled() != null) {
                unhealthy = "the canary Deployment stopped progressing (" + canary.stalled() + ")";
            }
            if (unhealthy == null) {
                unhealthy = metrics.problem(t.service(), t.environment()).orElse(null);
            }
            if (unhealthy != null) {
                return StepResult.fail("at " + weight + "%: " + unhealthy);
            }
            ctx.watched();
        }
        if (!ctx.rollingBack() && ctx.handle(Handles.TRAFFIC_SHIFTED).isEmpty()) {
            ctx.putHandle(Handles.TRAFFIC_SHIFTED, ctx.now().toString());
        }
        RouteChange change;
        try {
            change = router.setCanaryWeight(t.route(ctx), weight);
        } catch (RoutingException e) {
            // a router that cannot be set up is a configuration problem: no retries; on the way back, nothing to reset
            return ctx.rollingBack() ? StepResult.done("no route to reset: " + e.getMessage()) : StepResult.fail(e.getMessage());
        }
        if (ctx.rollingBack()) {
            if (change.settled()) {
                passed(ctx, ROUTE_WAIT);
                return StepResult.done(change.detail());
            }
            return waitingFor(ctx, ROUTE_WAIT, readyTimeout, change.detail());
        }
        canary = workloads.canaryState(t.namespace(), t.deployment()); // as the router left it
        if (!change.settled()) {
            return notInForce(ctx, ROUTE_WAIT, readyTimeout, "at " + weight + "%: " + change.detail());
        }
        passed(ctx, ROUTE_WAIT);
        if (canary.ready() < canary.desired()) {
            return notInForce(ctx, READY_WAIT, readyTimeout, "at " + weight + "%: " + canary.ready() + "/" + canary.desired()
                    + " canary replicas ready; the hold waits for all");
        }
        passed(ctx, READY_WAIT);
        Optional<AlbTrafficCheck.Verdict> alb = albVerdict(ctx, t, weight);
        if (alb.isPresent() && alb.get() instanceof AlbTrafficCheck.Unhealthy sick) {
            return StepResult.fail("at " + weight + "%: " + sick.reason());
        }
        if (alb.isPresent() && alb.get() instanceof AlbTrafficCheck.Pending pending) {
            return notInForce(ctx, ALB_WAIT, aws.albApplyTimeout(), "at " + weight + "%: " + pending.reason());
        }
        passed(ctx, ALB_WAIT);
        String applied = alb.map(v -> "; " + ((AlbTrafficCheck.Applied) v).detail()).orElse("");
        Duration hold = ctx.skipHolds() ? Duration.ZERO : Duration.parse(ctx.step().param("hold"));
        if (heldFor(ctx, weight).compareTo(hold) >= 0) {
            return StepResult.done(change.detail() + applied + (hold.isZero() ? "" : ", healthy for " + hold.toSeconds() + "s"));
        }
        return StepResult.waitFor(Duration.ofSeconds(Math.min(2, Math.max(1, hold.toSeconds()))), "canary at " + weight + "%, holding");
    }

    /**
     * The ALB read-back, at most every {@link #ALB_RECHECK} once the weight is applied: ELBv2's
     * Describe calls share a rate limit with the load balancer controller, and an applied weight
     * stays applied unless someone changes it. Not-yet-applied and unhealthy are never reused.
     */
    private Optional<AlbTrafficCheck.Verdict> albVerdict(StepContext ctx, ReleaseTarget.Resolved t, int weight) {
        String mark = weight + "@";
        Optional<String> last = ctx.handle(ALB_APPLIED).filter(v -> v.startsWith(mark));
        if (last.isPresent()) {
            String[] atAndDetail = last.get().substring(mark.length()).split("\\|", 2);
            if (Duration.between(Instant.parse(atAndDetail[0]), ctx.now()).compareTo(ALB_RECHECK) < 0) {
                return Optional.of(new AlbTrafficCheck.Applied(atAndDetail[1]));
            }
        }
        Optional<AlbTrafficCheck.Verdict> verdict = albCheck.check(t.namespace(), t.service().traffic(), weight);
        if (verdict.isPresent() && verdict.get() instanceof AlbTrafficCheck.Applied applied) {
            ctx.putHandle(ALB_APPLIED, mark + ctx.now() + "|" + applied.detail());
        }
        return verdict;
    }

    /** A waited-for condition holds now: its wait, if it comes back, is timed afresh. */
    private static void passed(StepContext ctx, String mark) {
        ctx.handle(mark).filter(v -> !v.isEmpty()).ifPresent(v -> ctx.putHandle(mark, ""));
    }

    /** The weight is not (fully) in force yet: the hold starts over once it is. */
    private static StepResult notInForce(StepContext ctx, String mark, Duration limit, String what) {
        ctx.putHandle(Handles.WEIGHT_IN_FORCE, "");
        return waitingFor(ctx, mark, limit, what);
    }

    /**
     * Waits while a condition lasts, timed from when it began (recorded under {@code mark}, cleared
     * once it passes), and fails once it has lasted longer than {@code limit}.
     */
    private static StepResult waitingFor(StepContext ctx, String mark, Duration limit, String what) {
        Instant since = ctx.handle(mark).filter(v -> !v.isEmpty()).map(Instant::parse).orElse(null);
        if (since == null) {
            since = ctx.now();
            ctx.putHandle(mark, since.toString());
        }
        Duration lasted = Duration.between(since, ctx.now());
        if (lasted.compareTo(ctx.elapsed()) > 0) {
            lasted = ctx.elapsed(); // a mark left by an earlier wait (before a resume, or on the other path) counts from this step's start
        }
        if (lasted.compareTo(limit) > 0) {
            return StepResult.fail(what + " (for " + lasted.toSeconds() + "s, longer than " + limit.toSeconds() + "s)");
        }
        return StepResult.waitFor(Duration.ofSeconds(2), what);
    }

    /**
     * The replica-ratio total follows the stable if it grew (its HPA scaled it up) between the
     * canary's start and the traffic steps; it never shrinks, so a split never cuts capacity.
     */
    private void keepTotalUpToDate(StepContext ctx, ReleaseTarget.Resolved t) {
        int recorded = ctx.handle(Handles.STABLE_REPLICAS).map(Integer::parseInt).orElse(0);
        if (ctx.handle(Handles.WEIGHT_IN_FORCE).isEmpty()) {
            int running = workloads.replicas(t.namespace(), t.deployment()).orElse(0);
            if (running > recorded) {
                ctx.putHandle(Handles.STABLE_REPLICAS, Integer.toString(running));
            }
        }
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
