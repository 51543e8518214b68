package dev.ticketsmith.ops.promote;

import dev.ticketsmith.aws.AwsSettings;
import dev.ticketsmith.catalog.TrafficSpec;
import dev.ticketsmith.kube.CanaryState;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.HpaPins;
import dev.ticketsmith.lock.Locks;
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
 * it for {@code hold} while the canary's health must hold. Health comes first: an unhealthy canary
 * gets no more traffic. Behind a layer-7 router the canary is first scaled in proportion to the
 * weight (never below {@code canaryReplicasPercent} of the stable) and the weight moves only once
 * those pods are ready. During the hold: every pod ready (the hold waits for them), the Deployment
 * progressing, no crash loop, restarts within bounds, the metric checks within theirs (no data
 * holds the step and, {@code noDataLimit} reads in a row, fails it) and, behind an ALB with AWS
 * access, the weight really applied by the load balancer with no canary target unhealthy. On the
 * rollback path: weight 0 and no checks, getting traffic back to stable comes first. After a gap in
 * the checks longer than {@code maxUnwatched} (every replica down, say) the step fails rather than
 * vouch for health it did not see.
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
    private final HpaPins hpas;
    private final PrometheusAnalysis metrics;
    private final AlbTrafficCheck albCheck;
    private final AwsSettings aws;
    private final StableIsolation isolation;
    private final Locks locks;

    TrafficWeightStep(ReleaseTarget targets, TrafficRouters routers, CanaryWorkloads workloads, HpaPins hpas, PrometheusAnalysis metrics,
                      AlbTrafficCheck albCheck, AwsSettings aws, StableIsolation isolation, Locks locks) {
        this.isolation = isolation;
        this.locks = locks;
        this.targets = targets;
        this.routers = routers;
        this.workloads = workloads;
        this.hpas = hpas;
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
        ReleaseSpec t = targets.of(ctx);
        int weight = Integer.parseInt(ctx.step().param("weight"));
        TrafficRouter router = routers.forKind(t.traffic().router()).orElseThrow(() -> new IllegalStateException(
                "no router for " + t.traffic().router()));
        Duration readyTimeout = t.readyTimeout();
        if (ctx.rollingBack()) {
            return backToStable(ctx, t, router, readyTimeout);
        }
        if (ctx.handle(Handles.TRAFFIC_SHIFTED).isEmpty() && !PromotionPlan.ROLLBACK_KIND.equals(ctx.kind())
                && !ctx.plan().containsKey(PromotionPlan.FORCED_PAST)) {
            // a lock or a freeze that came after the request (or during its approval) holds it back before any traffic moves
            var blocker = locks.blocking(ctx.target(), ctx.environment(), ctx.now());
            if (blocker.isPresent()) {
                return StepResult.waitFor(Duration.ofSeconds(5), "held back before any traffic moves: " + blocker.get().what()
                        + "; it goes on once that is over (or Abort)");
            }
        }
        Duration limit = t.maxUnwatched();
        Duration gap = ctx.unwatchedFor().orElse(Duration.ZERO);
        if (gap.compareTo(limit) > 0) {
            return StepResult.fail("the canary carried traffic for " + gap.toSeconds() + "s without a health check (longer than "
                    + limit.toSeconds() + "s; was the bot down?), so it is not trusted");
        }
        if (router.kind() == TrafficSpec.Router.REPLICAS) {
            keepTotalUpToDate(ctx, t);
        }
        CanaryState canary = workloads.canaryState(t.namespace(), t.deployment());
        String unhealthy = CanaryHealth.problem(canary, t.maxRestarts());
        if (unhealthy == null && canary.stalled() != null) {
            unhealthy = "the canary Deployment stopped progressing (" + canary.stalled() + ")";
        }
        if (unhealthy == null) {
            unhealthy = isolation.stableChanged(ctx, t).orElse(null);
        }
        if (unhealthy != null) {
            return StepResult.fail("at " + weight + "%: " + unhealthy);
        }
        isolation.narrow(ctx, t, true); // keeps the stable Service on the stable pods (a sync may have reverted it)
        PrometheusAnalysis.Verdict analysis = metrics.check(t, ctx);
        if (analysis instanceof PrometheusAnalysis.Fail failed) {
            return StepResult.fail("at " + weight + "%: " + failed.reason());
        }
        ctx.watched();
        if (ctx.handle(Handles.TRAFFIC_SHIFTED).isEmpty()) {
            ctx.putHandle(Handles.TRAFFIC_SHIFTED, ctx.now().toString());
        }
        if (t.layer7()) {
            StepResult sizing = sizeCanary(ctx, t, weight, readyTimeout);
            if (sizing != null) {
                return sizing;
            }
        }
        if (analysis instanceof PrometheusAnalysis.NoDataYet noData) {
            int now = router.canaryWeight(ReleaseTarget.route(t, ctx)).orElse(0);
            if (now > 0 && now < weight) {
                return StepResult.waitFor(Duration.ofSeconds(2), "at " + now + "%: " + noData.reason() + "; no more traffic until it has");
            }
        }
        RouteChange change;
        try {
            change = router.setCanaryWeight(ReleaseTarget.route(t, ctx), weight);
        } catch (RoutingException e) {
            return StepResult.fail(e.getMessage()); // a router that cannot be set up is a configuration problem: no retries
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
        Duration held = heldFor(ctx, weight);
        if (analysis instanceof PrometheusAnalysis.NoDataYet noData) {
            return StepResult.waitFor(Duration.ofSeconds(2), "canary at " + weight + "%, holding: " + noData.reason());
        }
        if (held.compareTo(hold) >= 0) {
            return StepResult.done(change.detail() + applied + (hold.isZero() ? "" : ", healthy for " + hold.toSeconds() + "s"));
        }
        return StepResult.waitFor(Duration.ofSeconds(Math.min(2, Math.max(1, hold.toSeconds()))), "canary at " + weight + "%, holding");
    }

    /** The rollback path: weight 0 at the router, waiting (up to the ready timeout) for a router that hands pods back. */
    private StepResult backToStable(StepContext ctx, ReleaseSpec t, TrafficRouter router, Duration readyTimeout) {
        RouteChange change;
        try {
            change = router.setCanaryWeight(ReleaseTarget.route(t, ctx), 0);
        } catch (RoutingException e) {
            return StepResult.done("no route to reset: " + e.getMessage());
        }
        if (change.settled()) {
            passed(ctx, ROUTE_WAIT);
            return StepResult.done(change.detail());
        }
        return waitingFor(ctx, ROUTE_WAIT, readyTimeout, change.detail());
    }

    /**
     * Behind a layer-7 router the canary grows with its weight, before the weight moves: scaled to
     * its share of the stable (its HPA's floor raised with it), never shrunk on the way up. Null once
     * that many canary pods are ready on the current template; a wait (timed, failing after the
     * ready timeout) until then.
     */
    private StepResult sizeCanary(StepContext ctx, ReleaseSpec t, int weight, Duration readyTimeout) {
        String canaryName = CanaryWorkloads.canaryName(t.deployment());
        int stable = Math.max(workloads.replicas(t.namespace(), t.deployment()).orElse(0),
                ctx.handle(Handles.STABLE_REPLICAS).map(Integer::parseInt).orElse(0));
        int desired = t.canaryReplicas(stable, weight);
        int current = workloads.replicas(t.namespace(), canaryName).orElse(0);
        t.stableHpa().ifPresent(hpa -> hpas.raiseFloor(t.namespace(), HpaPins.canaryName(hpa), desired)); // first, or it scales back in
        workloads.scale(t.namespace(), canaryName, Math.max(desired, current));
        int ready = workloads.readyOnTemplate(t.namespace(), canaryName);
        if (ready < desired) {
            return notInForce(ctx, READY_WAIT, readyTimeout, "at " + weight + "%: " + ready + "/" + desired
                    + " canary replicas ready; the weight moves once they are");
        }
        return null;
    }

    /**
     * The ALB read-back, at most every {@link #ALB_RECHECK} once the weight is applied: ELBv2's
     * Describe calls share a rate limit with the load balancer controller, and an applied weight
     * stays applied unless someone changes it. Not-yet-applied and unhealthy are never reused.
     */
    private Optional<AlbTrafficCheck.Verdict> albVerdict(StepContext ctx, ReleaseSpec t, int weight) {
        String mark = weight + "@";
        Optional<String> last = ctx.handle(ALB_APPLIED).filter(v -> v.startsWith(mark));
        if (last.isPresent()) {
            String[] atAndDetail = last.get().substring(mark.length()).split("\\|", 2);
            if (Duration.between(Instant.parse(atAndDetail[0]), ctx.now()).compareTo(ALB_RECHECK) < 0) {
                return Optional.of(new AlbTrafficCheck.Applied(atAndDetail[1]));
            }
        }
        Optional<AlbTrafficCheck.Verdict> verdict = albCheck.check(t.namespace(), t.traffic(), weight);
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
    private void keepTotalUpToDate(StepContext ctx, ReleaseSpec t) {
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
