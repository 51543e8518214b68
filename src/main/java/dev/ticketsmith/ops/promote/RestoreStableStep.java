package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@code canary.restore-stable} (rollback): puts the stable image recorded at the start back, in
 * case finalise had already changed it, points the stable Service at the stable ReplicaSet again,
 * and, when the image had to be put back, waits until the stable is serving (rolled out and every
 * replica ready on that image) before traffic returns to it and the canary goes. Fails after
 * {@code readyTimeout}: the canary then keeps serving, and a person must look.
 */
@ApplicationScoped
public class RestoreStableStep implements StepAction {

    static final String RESTORED = "rollback.stableRestored";

    private final ReleaseTarget targets;
    private final CanaryWorkloads workloads;
    private final StableIsolation isolation;

    RestoreStableStep(ReleaseTarget targets, CanaryWorkloads workloads, StableIsolation isolation) {
        this.targets = targets;
        this.workloads = workloads;
        this.isolation = isolation;
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
        ReleaseSpec t = targets.of(ctx);
        if (workloads.setStableImage(t.namespace(), t.deployment(), t.container(), previous.get())) {
            ctx.putHandle(RESTORED, ctx.now().toString());
        }
        isolation.pinToRecorded(ctx, t);
        if (ctx.handle(RESTORED).isEmpty()) {
            return StepResult.done("stable still runs " + previous.get());
        }
        if (workloads.stableRolledOut(t.namespace(), t.deployment())) {
            return StepResult.done("stable set back to " + previous.get() + " and serving");
        }
        if (ctx.elapsed().compareTo(t.readyTimeout()) > 0) {
            return StepResult.fail("the stable did not come back on " + previous.get() + " within " + t.readyTimeout().toMinutes()
                    + "m; the canary keeps serving");
        }
        return StepResult.waitFor(Duration.ofSeconds(2), "stable rolling back to " + previous.get() + "; the canary serves until it is ready");
    }
}
