package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryState;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.keep-previous}: after the last traffic step, for {@code delay} ({@code scaleDownDelay}),
 * the new version carries all the traffic while the previous one (the stable Deployment, still on
 * its image and at its size) is kept, serving nothing. A rollback meanwhile only moves traffic back
 * to it, at once. The new version's health is still checked: a crash loop or too many restarts roll
 * back the same way.
 */
@ApplicationScoped
public class KeepPreviousStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    KeepPreviousStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.keep-previous";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        CanaryState canary = workloads.canaryState(t.namespace(), t.deployment());
        String unhealthy = CanaryHealth.problem(canary, t.maxRestarts());
        if (unhealthy != null) {
            return StepResult.fail("with all traffic: " + unhealthy);
        }
        ctx.watched();
        Duration delay = Duration.parse(ctx.step().param("delay"));
        if (ctx.elapsed().compareTo(delay) >= 0) {
            return StepResult.done("kept the previous version for " + delay.toSeconds() + "s; it goes now");
        }
        return StepResult.waitFor(Duration.ofSeconds(Math.min(2, Math.max(1, delay.toSeconds()))), "all traffic on the new version;"
                + " the previous one is kept, serving nothing, until " + ctx.now().plus(delay.minus(ctx.elapsed())).toString().substring(11, 19)
                + " UTC: a rollback until then is instant");
    }
}
