package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryState;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.ready}: waits until every canary replica is ready, failing at once on a crash loop
 * or more restarts than {@code analysis.maxRestarts}, and after {@code readyTimeout}.
 */
@ApplicationScoped
public class CanaryReadyStep implements StepAction {

    static final Duration RECHECK = Duration.ofSeconds(2);

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    CanaryReadyStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.ready";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        CanaryState state = workloads.canaryState(t.namespace(), t.deployment());
        String unhealthy = CanaryHealth.problem(state, t.maxRestarts());
        if (unhealthy != null) {
            return StepResult.fail(unhealthy);
        }
        if (state.ready() >= state.desired()) {
            return StepResult.done(state.ready() + "/" + state.desired() + " canary replicas ready");
        }
        Duration timeout = t.readyTimeout();
        if (ctx.elapsed().compareTo(timeout) > 0) {
            return StepResult.fail("only " + state.ready() + "/" + state.desired() + " canary replicas ready after " + timeout.toMinutes() + "m");
        }
        return StepResult.waitFor(RECHECK, state.ready() + "/" + state.desired() + " canary replicas ready");
    }
}
