package dev.ticketsmith.ops.promote;

import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.scale-down}: after {@code delay}, during which the canary (now at weight 0, on the
 * released image like the stable) still runs and an abort puts everything back at once, takes the
 * canary away through {@link CanaryTeardown}.
 */
@ApplicationScoped
public class ScaleDownStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryTeardown teardown;

    ScaleDownStep(ReleaseTarget targets, CanaryTeardown teardown) {
        this.targets = targets;
        this.teardown = teardown;
    }

    @Override
    public String type() {
        return "canary.scale-down";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        Duration delay = Duration.parse(ctx.step().param("delay"));
        if (ctx.elapsed().compareTo(delay) < 0 && ctx.handle(Handles.CANARY_DETACHED_AT).isEmpty()) {
            return StepResult.waitFor(Duration.ofSeconds(Math.min(5, Math.max(1, delay.toSeconds()))), "canary kept for " + delay.toSeconds() + "s");
        }
        return teardown.run(ctx, targets.of(ctx));
    }
}
