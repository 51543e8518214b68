package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code canary.restore-stable} (rollback): puts the stable image recorded at the start back, in
 * case finalise had already changed it; a no-op when the stable Deployment was never touched.
 */
@ApplicationScoped
public class RestoreStableStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    RestoreStableStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.restore-stable";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        var previous = ctx.handle(Handles.STABLE_IMAGE);
        if (previous.isEmpty()) {
            return StepResult.done("stable untouched");
        }
        ReleaseTarget.Resolved t = targets.of(ctx);
        boolean changed = workloads.setStableImage(t.namespace(), t.deployment(), t.container(), previous.get());
        return StepResult.done(changed ? "stable set back to " + previous.get() : "stable still runs " + previous.get());
    }
}
