package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code canary.deploy}: records the stable image and size (the rollback's and finalise's
 * reference), then brings up {@code <stable>-canary} with the new image at {@code percent} of the
 * stable replicas, at least one, and for layer-7 routers the canary Service in front of it.
 */
@ApplicationScoped
public class CanaryDeployStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;

    CanaryDeployStep(ReleaseTarget targets, CanaryWorkloads workloads) {
        this.targets = targets;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "canary.deploy";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseTarget.Resolved t = targets.of(ctx);
        if (ctx.handle(Handles.STABLE_IMAGE).isEmpty()) {
            Deployment stable = workloads.stable(t.namespace(), t.deployment());
            ctx.putHandle(Handles.STABLE_IMAGE, CanaryWorkloads.imageOf(stable, t.container()));
            ctx.putHandle(Handles.STABLE_REPLICAS, Integer.toString(stable.getSpec().getReplicas() == null ? 1 : stable.getSpec().getReplicas()));
        }
        String image = Images.resolve(ctx.step().param("artifact"), ctx.handle(Handles.STABLE_IMAGE).orElseThrow());
        int stableReplicas = Integer.parseInt(ctx.handle(Handles.STABLE_REPLICAS).orElseThrow());
        int replicas = Math.max(1, (int) Math.ceil(stableReplicas * Integer.parseInt(ctx.step().param("percent")) / 100.0));
        ctx.putHandle(Handles.IMAGE, image);
        workloads.ensureCanaryService(t.namespace(), t.service().traffic().stableService(), t.service().traffic().canaryService());
        workloads.ensureCanary(t.namespace(), t.deployment(), t.container(), image, replicas, ctx.operationId());
        return StepResult.done(CanaryWorkloads.canaryName(t.deployment()) + ": " + replicas + " × " + image);
    }
}
