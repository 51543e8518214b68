package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.WorkloadReader;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.registry.RegistryDigests;
import dev.ticketsmith.registry.Resolution;
import dev.ticketsmith.release.Releases;
import dev.ticketsmith.release.Versions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code canary.deploy}: first records what the release changes and must give back (the stable
 * image, size and, behind a layer-7 router, the stable Service's selector and ReplicaSet), and
 * commits that record; then narrows the stable Service to the stable pods, resolves the image's
 * digest, and brings up {@code <stable>-canary} with the new image at {@code percent} of the stable
 * replicas (at least one) and the canary Service in front of it (the smoke test's way in).
 */
@ApplicationScoped
public class CanaryDeployStep implements StepAction {

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;
    private final RegistryDigests registry;
    private final StableIsolation isolation;
    private final Releases releases;
    private final WorkloadReader reader;

    CanaryDeployStep(ReleaseTarget targets, CanaryWorkloads workloads, RegistryDigests registry, StableIsolation isolation,
                     Releases releases, WorkloadReader reader) {
        this.releases = releases;
        this.reader = reader;
        this.targets = targets;
        this.workloads = workloads;
        this.registry = registry;
        this.isolation = isolation;
    }

    @Override
    public String type() {
        return "canary.deploy";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        if (ctx.handle(Handles.STABLE_IMAGE).isEmpty()) {
            Deployment stable = workloads.stable(t.namespace(), t.deployment());
            ctx.putHandle(Handles.STABLE_IMAGE, CanaryWorkloads.imageOf(stable, t.container()));
            ctx.putHandle(Handles.STABLE_REPLICAS, Integer.toString(stable.getSpec().getReplicas() == null ? 1 : stable.getSpec().getReplicas()));
            isolation.record(ctx, t);
            releases.observe(ctx.target(), ctx.environment(), ctx.handle(Handles.STABLE_IMAGE).orElseThrow(),
                    reader.runningDigest(t.namespace(), t.deployment(), t.container()).orElse(null), ctx.now());
            // what must be given back is committed with this wait, before anything changes
            return StepResult.waitFor(Duration.ZERO, "stable recorded: " + ctx.handle(Handles.STABLE_IMAGE).orElseThrow());
        }
        if (ctx.handle(Handles.IMAGE).isEmpty()) {
            // what pipeline.source chose upstream (pinned by digest), else what the user typed
            String artifact = ctx.handle(Handles.SOURCE_IMAGE).orElseGet(() -> ctx.step().param("artifact"));
            pin(ctx, Images.resolve(artifact, ctx.handle(Handles.STABLE_IMAGE).orElseThrow()));
        }
        String image = ctx.handle(Handles.IMAGE).orElseThrow();
        int stableReplicas = Integer.parseInt(ctx.handle(Handles.STABLE_REPLICAS).orElseThrow());
        int replicas = Math.max(1, (int) Math.ceil(stableReplicas * Integer.parseInt(ctx.step().param("percent")) / 100.0));
        isolation.record(ctx, t); // a no-op once recorded (plans recorded before selectors were kept record it here)
        String isolated = "";
        // behind a layer-7 router the stable Service is narrowed to the stable pods before any canary pod exists
        isolation.narrow(ctx, t, true);
        if (t.layer7() && !isolation.narrows(ctx)) {
            isolated = "; the stable ReplicaSet was not found, so the stable Service's selector is left as it is and may also reach"
                    + " canary pods";
        } else if (t.layer7() && !isolation.pinned(t)) {
            if (ctx.elapsed().compareTo(t.readyTimeout()) > 0) {
                return StepResult.fail("the stable Service could not be narrowed to the stable pods within " + t.readyTimeout().toMinutes()
                        + "m, so no canary was started");
            }
            return StepResult.waitFor(Duration.ofSeconds(2), "narrowing the stable Service to the stable pods before the canary starts");
        }
        workloads.ensureCanaryService(t.namespace(), t.traffic().stableService(), t.traffic().canaryService(),
                isolation.original(ctx).orElseThrow());
        workloads.ensureCanary(t.namespace(), t.deployment(), t.container(), image, replicas, ctx.operationId());
        return StepResult.done(CanaryWorkloads.canaryName(t.deployment()) + ": " + replicas + " × " + image
                + ctx.handle(Handles.DIGEST_UNRESOLVED).map(why -> " (digest not resolved: " + why + ")").orElse("") + isolated);
    }

    /**
     * Resolves the image's digest once and records the image to release: pinned to the digest
     * ({@code repo:tag@sha256:…}, the tag kept for people) when the registry answers, the tag as
     * typed with the reason otherwise. The digest is what approvals are bound to.
     */
    private void pin(StepContext ctx, String image) {
        Optional<String> pinned = Versions.digestOf(image);
        if (pinned.isPresent()) { // already pinned (a rollback to a recorded release): nothing to look up
            ctx.putHandle(Handles.DIGEST, pinned.get());
            ctx.putHandle(Handles.IMAGE, image);
            ctx.putHandle(StepContext.APPROVAL_SUBJECT, pinned.get());
            return;
        }
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
