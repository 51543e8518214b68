package dev.ticketsmith.ops.promote;

import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code canary.remove} (rollback): once traffic is back on the serving stable, takes the canary
 * away through {@link CanaryTeardown}: out of the router, then its Deployment and Service, then the
 * stable Service's own selector back.
 */
@ApplicationScoped
public class RemoveCanaryStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryTeardown teardown;

    RemoveCanaryStep(ReleaseTarget targets, CanaryTeardown teardown) {
        this.targets = targets;
        this.teardown = teardown;
    }

    @Override
    public String type() {
        return "canary.remove";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        return teardown.run(ctx, targets.of(ctx));
    }
}
