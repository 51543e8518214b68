package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.CanaryStep;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.StepSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of a canary promotion, from the catalogue's settings for the service in that
 * environment: deploy the canary, wait until ready, smoke test, wait for the environment's
 * approvals where it requires any, shift traffic step by step with a hold at each (the stable HPA
 * pinned meanwhile), finalise, restore the HPA, take the canary away after the delay. The rollback
 * path: stable image restored and serving, traffic back to stable, HPA restored, canary removed.
 * A blue-green service gets the same plan with a full-size green and one step to 100 %, held as
 * long as the last configured step.
 *
 * <p>Everything the steps act on is frozen into the plan: the {@link ReleaseSpec} as its context,
 * the rest (smoke test, approvals and their time to live, weights and holds) as step parameters.
 * The plan's hash covers both, so approvers approve exactly what runs.
 */
public final class PromotionPlan {

    public static final String KIND = "promote";

    private PromotionPlan() {
    }

    public static OperationRequest build(ServiceSpec s, EnvironmentSpec env, String artifact, String requesterId, String requesterName) {
        List<StepSpec> steps = new ArrayList<>();
        boolean blueGreen = s.strategy() == ServiceSpec.Strategy.BLUE_GREEN;
        String percent = Integer.toString(blueGreen ? 100 : s.canaryReplicasPercent());
        steps.add(StepSpec.of("canary.deploy", Map.of("artifact", artifact, "percent", percent)));
        steps.add(StepSpec.of("canary.ready", Map.of()));
        steps.add(StepSpec.of("canary.smoke", Map.of("url", s.render(s.smoke().url(), env),
                "expectStatus", Integer.toString(s.smoke().expectStatus()),
                "attempts", Integer.toString(s.smoke().attempts()), "timeout", s.smoke().timeout().toString())));
        if (env.approvals() > 0) {
            steps.add(StepSpec.of("gate.approval", Map.of("approvals", Integer.toString(env.approvals()), "ttl", env.approvalTtl().toString())));
        }
        if (s.hpa().isPresent()) {
            steps.add(StepSpec.of("hpa.pin", Map.of()));
        }
        List<CanaryStep> shifts = blueGreen ? List.of(new CanaryStep(100, s.steps().get(s.steps().size() - 1).hold())) : s.steps();
        for (CanaryStep step : shifts) {
            steps.add(StepSpec.of("canary.weight", Map.of("weight", Integer.toString(step.weight()), "hold", step.hold().toString())));
        }
        steps.add(StepSpec.of("canary.finalize", Map.of()));
        if (s.hpa().isPresent()) {
            steps.add(StepSpec.of("hpa.restore", Map.of()));
        }
        steps.add(StepSpec.of("canary.scale-down", Map.of("delay", s.scaleDownDelay().toString())));
        List<StepSpec> rollback = new ArrayList<>(List.of(
                // the stable's own image first, serving again: the canary keeps serving until the stable is back in full
                StepSpec.of("canary.restore-stable", Map.of()),
                StepSpec.of("canary.weight", Map.of("weight", "0", "hold", "PT0S"))));
        if (s.hpa().isPresent()) {
            rollback.add(StepSpec.of("hpa.restore", Map.of()));
        }
        rollback.add(StepSpec.of("canary.remove", Map.of()));
        return new OperationRequest(KIND, s.name(), env.name(), ReleaseSpec.of(s, env).toContext(), steps, rollback, requesterId, requesterName);
    }
}
