package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.CanaryStep;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.ServiceSpec;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.StepSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of a canary promotion, from the catalogue's settings for the service in that
 * environment: deploy the canary, wait until ready, smoke test, wait for the environment's
 * approvals where it requires any, shift traffic step by step with a hold at each (the stable HPA
 * pinned meanwhile), keep the previous version for the delay behind a layer-7 router, finalise,
 * restore the HPA, take the canary away, record the release. The rollback
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
    /** The plan's record of the lock or freeze an approver forced it past. */
    public static final String FORCED_PAST = "release.forcedPast";
    /** The kind of the fast promotion a rollback to an earlier release runs. */
    public static final String ROLLBACK_KIND = "rollback";

    private PromotionPlan() {
    }

    public static OperationRequest build(ServiceSpec s, EnvironmentSpec env, String artifact, String requesterId, String requesterName) {
        return build(s, env, artifact, requesterId, requesterName, false);
    }

    /**
     * A promotion, or (with {@code rollback}) the fast promotion a rollback to an earlier release
     * runs: one traffic step to 100 % without a hold, the same health checks, no delay keeping what
     * it replaces, and one approver when the environment's {@code rollback} policy asks for approval.
     */
    public static OperationRequest build(ServiceSpec s, EnvironmentSpec env, String artifact, String requesterId, String requesterName,
                                         boolean rollback) {
        return build(s, env, artifact, null, requesterId, requesterName, rollback);
    }

    /**
     * Where a promotion's image comes from and what it must have proved there, frozen into the plan's
     * first step ({@code pipeline.source}).
     *
     * @param from       the pipeline's previous environment, whose running digest a promotion without a version takes (null with a version)
     * @param fromWhere  the service there: namespace, Deployment, container
     * @param gate       the environment of the target's provenance guardrail, or null
     * @param gateWhere  the service there
     * @param healthyFor how long it must have run healthy there, or null
     * @param force      an approver's {@code --force}: the guardrail's refusal is recorded and waived
     */
    public record Upstream(String from, ReleaseSpec fromWhere, String gate, ReleaseSpec gateWhere, Duration healthyFor, boolean force) {

        Map<String, String> params(String version) {
            Map<String, String> p = new java.util.LinkedHashMap<>();
            p.put("version", version == null ? "" : version);
            if (from != null) {
                p.put("from", from);
                p.put("fromNamespace", fromWhere.namespace());
                p.put("fromDeployment", fromWhere.deployment());
                p.put("fromContainer", fromWhere.container() == null ? "" : fromWhere.container());
            }
            if (gate != null) {
                p.put("gate", gate);
                p.put("gateNamespace", gateWhere.namespace());
                p.put("gateDeployment", gateWhere.deployment());
                p.put("gateContainer", gateWhere.container() == null ? "" : gateWhere.container());
                p.put("healthyFor", healthyFor.toString());
            }
            p.put("force", Boolean.toString(force));
            return p;
        }
    }

    /** Like {@link #build(ServiceSpec, EnvironmentSpec, String, String, String, boolean)}, with an upstream check first when given. */
    public static OperationRequest build(ServiceSpec s, EnvironmentSpec env, String artifact, Upstream upstream, String requesterId,
                                         String requesterName, boolean rollback) {
        ReleaseSpec spec = ReleaseSpec.of(s, env);
        List<StepSpec> steps = new ArrayList<>();
        if (upstream != null) {
            steps.add(StepSpec.of(PipelineSourceStep.TYPE, upstream.params(artifact)));
        }
        boolean blueGreen = s.strategy() == ServiceSpec.Strategy.BLUE_GREEN;
        String percent = Integer.toString(blueGreen ? 100 : s.canaryReplicasPercent());
        steps.add(StepSpec.of("canary.deploy", Map.of("artifact", artifact == null ? "" : artifact, "percent", percent)));
        steps.add(StepSpec.of("canary.ready", Map.of()));
        steps.add(StepSpec.of("canary.smoke", Map.of("url", s.render(s.smoke().url(), env),
                "expectStatus", Integer.toString(s.smoke().expectStatus()),
                "attempts", Integer.toString(s.smoke().attempts()), "timeout", s.smoke().timeout().toString())));
        int approvals = rollback ? (env.rollbackNeedsApproval() ? 1 : 0) : env.approvals();
        if (approvals > 0) {
            steps.add(StepSpec.of("gate.approval", Map.of("approvals", Integer.toString(approvals), "ttl", env.approvalTtl().toString())));
        }
        if (s.hpa().isPresent()) {
            steps.add(StepSpec.of("hpa.pin", Map.of()));
        }
        List<CanaryStep> shifts = rollback ? List.of(new CanaryStep(100, Duration.ZERO))
                : blueGreen ? List.of(new CanaryStep(100, s.steps().get(s.steps().size() - 1).hold())) : s.steps();
        for (CanaryStep step : shifts) {
            steps.add(StepSpec.of("canary.weight", Map.of("weight", Integer.toString(step.weight()), "hold", step.hold().toString())));
        }
        // behind a layer-7 router the previous version is kept, serving nothing, for the delay: a rollback is a switch back
        boolean keepPrevious = spec.layer7() && !rollback;
        if (keepPrevious) {
            steps.add(StepSpec.of("canary.keep-previous", Map.of("delay", s.scaleDownDelay().toString())));
        }
        steps.add(StepSpec.of("canary.finalize", Map.of()));
        if (s.hpa().isPresent()) {
            steps.add(StepSpec.of("hpa.restore", Map.of()));
        }
        Duration scaleDown = keepPrevious || rollback ? Duration.ZERO : s.scaleDownDelay();
        steps.add(StepSpec.of("canary.scale-down", Map.of("delay", scaleDown.toString())));
        steps.add(StepSpec.of("release.record", Map.of("kind", rollback ? ROLLBACK_KIND : KIND)));
        List<StepSpec> back = new ArrayList<>(List.of(
                // the stable's own image first, serving again: the canary keeps serving until the stable is back in full
                StepSpec.of("canary.restore-stable", Map.of()),
                StepSpec.of("canary.weight", Map.of("weight", "0", "hold", "PT0S"))));
        if (s.hpa().isPresent()) {
            back.add(StepSpec.of("hpa.restore", Map.of()));
        }
        back.add(StepSpec.of("canary.remove", Map.of()));
        return new OperationRequest(rollback ? ROLLBACK_KIND : KIND, s.name(), env.name(), spec.toContext(), steps, back, requesterId,
                requesterName);
    }

    /**
     * The canary's (green's) share of the traffic as the plan stands: the weight of the last traffic
     * step done, 0 again once finalise has given the stable the new image; null while the rollback
     * path runs (traffic is on its way back), 0 once it is done.
     */
    public static Integer canaryWeight(Operation op) {
        if (op.onRollbackPath) {
            return op.phase.active() ? null : 0;
        }
        int weight = 0;
        for (int i = 0; i < Math.min(op.stepIndex, op.steps.size()); i++) {
            StepSpec step = op.steps.get(i);
            if (step.type().equals("canary.weight")) {
                weight = Integer.parseInt(step.param("weight"));
            } else if (step.type().equals("canary.finalize")) {
                weight = 0;
            }
        }
        return weight;
    }
}
