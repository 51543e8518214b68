package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code canary.remove} (rollback): the canary Deployment, and the canary Service TICKETSMITH made, go. */
@ApplicationScoped
public class RemoveCanaryStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    RemoveCanaryStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.remove";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseTarget.Resolved t = targets.of(ctx);
        boolean removed = workloads.removeCanary(t.namespace(), t.deployment(), t.service().traffic().canaryService());
        return StepResult.done(removed ? "canary removed" : "no canary left");
    }
}
