package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.HpaBounds;
import dev.ticketsmith.kube.HpaPins;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * {@code hpa.pin}: before traffic moves, records the stable HPA's minReplicas, pins it to the
 * stable replicas running now, and gives the canary its own HPA (not when routing by replica
 * ratio: there the traffic steps size both sides and hold the stable HPA at the stable share).
 */
@ApplicationScoped
public class HpaPinStep implements StepAction {

    private final ReleaseTarget targets;
    private final HpaPins hpas;
    private final CanaryWorkloads workloads;
    private final HpaBounds bounds;

    HpaPinStep(ReleaseTarget targets, HpaPins hpas, CanaryWorkloads workloads, HpaBounds bounds) {
        this.bounds = bounds;
        this.targets = targets;
        this.hpas = hpas;
        this.workloads = workloads;
    }

    @Override
    public String type() {
        return "hpa.pin";
    }

    /** How a promotion holds the stable HPA's bounds ({@link HpaBounds}). */
    static String holder(StepContext ctx) {
        return "promote:" + ctx.operationId();
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        ReleaseSpec t = targets.of(ctx);
        String hpa = t.stableHpa().orElseThrow();
        if (ctx.handle(Handles.HPA_MIN).isEmpty()) {
            OptionalInt min = hpas.minReplicas(t.namespace(), hpa);
            if (min.isEmpty()) {
                return StepResult.done("HPA `" + hpa + "` not found: nothing to pin");
            }
            ctx.putHandle(Handles.HPA_MIN, Integer.toString(min.getAsInt()));
            if (!t.layer7()) {
                ctx.putHandle(Handles.HPA_MAX, Integer.toString(hpas.maxReplicas(t.namespace(), hpa).orElse(min.getAsInt())));
            }
            // the bounds are recorded (committed with this wait) before anything changes them
            return StepResult.waitFor(Duration.ZERO, "HPA `" + hpa + "` bounds recorded");
        }
        var stable = workloads.stable(t.namespace(), t.deployment());
        int running = stable.getSpec().getReplicas() == null ? 1 : stable.getSpec().getReplicas();
        ctx.putHandle(Handles.HPA_HELD, "true");
        bounds.hold(t.namespace(), hpa, holder(ctx), HpaBounds.Kind.PROMOTION, running, null); // with an override in force: the higher floor
        if (!t.layer7()) {
            return StepResult.done("HPA `" + hpa + "` min pinned at " + running + " (was " + ctx.handle(Handles.HPA_MIN).orElseThrow()
                    + "); the traffic steps size the canary themselves");
        }
        int canary = workloads.canaryState(t.namespace(), t.deployment()).desired();
        // blue-green: green is to take all the traffic, so it gets blue's room to scale out too
        int max = t.strategy() == ServiceSpec.Strategy.BLUE_GREEN ? hpas.maxReplicas(t.namespace(), hpa).orElse(running) : running;
        hpas.ensureCanaryHpa(t.namespace(), hpa, CanaryWorkloads.canaryName(t.deployment()), canary, Math.max(canary, max));
        return StepResult.done("HPA `" + hpa + "` min pinned at " + running + " (was " + ctx.handle(Handles.HPA_MIN).orElseThrow()
                + "); canary HPA `" + HpaPins.canaryName(hpa) + "`");
    }
}
