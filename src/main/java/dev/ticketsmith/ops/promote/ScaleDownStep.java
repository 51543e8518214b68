package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.scale-down}: after {@code delay}, during which the canary still runs and an abort
 * puts traffic back at once, removes the canary Deployment and the canary Service TICKETSMITH made.
 */
@ApplicationScoped
public class ScaleDownStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    ScaleDownStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.scale-down";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        Duration delay = Duration.parse(ctx.step().param("delay"));
        if (ctx.elapsed().compareTo(delay) < 0) {
            return StepResult.waitFor(Duration.ofSeconds(Math.min(5, Math.max(1, delay.toSeconds()))), "canary kept for " + delay.toSeconds() + "s");
        }
        ReleaseTarget.Resolved t = targets.of(ctx);
        workloads.removeCanary(t.namespace(), t.deployment(), t.service().traffic().canaryService());
        return StepResult.done("canary removed");
    }
}
