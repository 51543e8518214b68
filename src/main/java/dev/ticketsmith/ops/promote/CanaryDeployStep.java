package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.registry.RegistryDigests;
import dev.ticketsmith.registry.Resolution;
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
    private final RegistryDigests registry;

    CanaryDeployStep(ReleaseTarget targets, CanaryWorkloads workloads, RegistryDigests registry) {
        this.targets = targets;
        this.workloads = workloads;
        this.registry = registry;
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
        if (ctx.handle(Handles.IMAGE).isEmpty()) {
            pin(ctx, Images.resolve(ctx.step().param("artifact"), ctx.handle(Handles.STABLE_IMAGE).orElseThrow()));
        }
        String image = ctx.handle(Handles.IMAGE).orElseThrow();
        int stableReplicas = Integer.parseInt(ctx.handle(Handles.STABLE_REPLICAS).orElseThrow());
        int replicas = Math.max(1, (int) Math.ceil(stableReplicas * Integer.parseInt(ctx.step().param("percent")) / 100.0));
        workloads.ensureCanaryService(t.namespace(), t.service().traffic().stableService(), t.service().traffic().canaryService());
        workloads.ensureCanary(t.namespace(), t.deployment(), t.container(), image, replicas, ctx.operationId());
        return StepResult.done(CanaryWorkloads.canaryName(t.deployment()) + ": " + replicas + " × " + image
                + ctx.handle(Handles.DIGEST_UNRESOLVED).map(why -> " (digest not resolved: " + why + ")").orElse(""));
    }

    /**
     * Resolves the image's digest once and records the image to release: pinned to the digest
     * ({@code repo:tag@sha256:…}, the tag kept for people) when the registry answers, the tag as
     * typed with the reason otherwise. The digest is what approvals are bound to.
     */
    private void pin(StepContext ctx, String image) {
        Resolution resolution = registry.resolve(image);
        if (resolution instanceof Resolution.Resolved resolved) {
            ctx.putHandle(Handles.DIGEST, resolved.digest());
            ctx.putHandle(Handles.IMAGE, image.contains("@") ? image : image + "@" + resolved.digest());
            ctx.putHandle(StepContext.APPROVAL_SUBJECT, resolved.digest());
        } else {
            ctx.putHandle(Handles.DIGEST_UNRESOLVED, ((Resolution.Unresolved) resolution).reason());
            ctx.putHandle(Handles.IMAGE, image);
            ctx.putHandle(StepContext.APPROVAL_SUBJECT, image);
        }
    }
}
