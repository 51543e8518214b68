package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.HpaBounds;
import dev.ticketsmith.kube.HpaPins;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code hpa.restore}: gives the stable HPA back the bounds recorded by {@code hpa.pin} and
 * removes the canary's HPA. A no-op when nothing was pinned. Runs after finalise and on rollback.
 */
@ApplicationScoped
public class HpaRestoreStep implements StepAction {

    private final ReleaseTarget targets;
    private final HpaPins hpas;
    private final HpaBounds bounds;

    HpaRestoreStep(ReleaseTarget targets, HpaPins hpas, HpaBounds bounds) {
        this.bounds = bounds;
        this.targets = targets;
        this.hpas = hpas;
    }

    @Override
    public String type() {
        return "hpa.restore";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        String hpa = t.stableHpa().orElseThrow();
        hpas.removeCanaryHpa(t.namespace(), hpa);
        var pinned = ctx.handle(Handles.HPA_MIN);
        if (pinned.isEmpty()) {
            return StepResult.done("HPA `" + hpa + "` was not pinned");
        }
        var outcome = bounds.release(t.namespace(), hpa, HpaPinStep.holder(ctx)); // whatever the handles say: a hold may exist
        if (outcome.isEmpty() && ctx.handle(Handles.HPA_HELD).isEmpty()) { // a plan recorded before HPAs had one owner
            var max = ctx.handle(Handles.HPA_MAX);
            if (max.isPresent()) {
                hpas.setBounds(t.namespace(), hpa, Integer.parseInt(pinned.get()), Integer.parseInt(max.get()));
            } else {
                hpas.setMinReplicas(t.namespace(), hpa, Integer.parseInt(pinned.get()));
            }
            return StepResult.done("HPA `" + hpa + "` back to min " + pinned.get());
        }
        if (outcome.isEmpty()) {
            return StepResult.done("HPA `" + hpa + "` was not held");
        }
        if (outcome.get().drift().isPresent()) {
            return StepResult.done("HPA `" + hpa + "`: " + outcome.get().drift().get());
        }
        return StepResult.done("HPA `" + hpa + "` at " + outcome.get().min() + "–" + outcome.get().max() + " replicas"
                + (bounds.holders(t.namespace(), hpa).isEmpty() ? " (its own bounds)" : " (a scaling override still holds it)"));
    }
}
