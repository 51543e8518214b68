package dev.ticketsmith.api;

import dev.ticketsmith.ops.approval.OperationApproval;
import dev.ticketsmith.ops.engine.Condition;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.slack.live.OperationMessage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An operation as JSON for pipelines: phase, current step, canary weight reached, approvals,
 * conditions and handles. {@code canaryWeight} is the weight of the last traffic step completed on the plan (0
 * before the first, and again once finalised or rolled back; null while a rollback is under way).
 */
public record OperationView(String id, String kind, String service, String environment, String phase, boolean rollingBack,
                            Integer currentStep, String currentStepLabel, int totalSteps, Integer canaryWeight, List<String> plan,
                            List<ApprovalView> approvals, List<Condition> conditions, Map<String, String> handles, String requester, String endReason,
                            Instant createdAt, Instant updatedAt, String slackChannel, String slackTs) {

    /**
     * One approval or rejection given on the operation.
     *
     * @param forCurrentPlan whether it is bound to the plan and image the operation runs now (an
     *     approval given for another plan does not count; expiry is the gate's to judge)
     */
    public record ApprovalView(String approverId, String approverName, String decision, Instant at, boolean forCurrentPlan) {
    }

    /** The operation with the approvals given on it so far; call inside a transaction. */
    static OperationView of(Operation op) {
        List<ApprovalView> approvals = OperationApproval.of(op.id).stream().map(a -> new ApprovalView(a.approverId, a.approverName,
                a.decision, a.givenAt, a.planHash.equals(op.approvalHash()))).toList();
        StepSpec current = op.currentStep();
        return new OperationView(op.id.toString(), op.kind, op.target, op.environment, op.phase.name(), op.onRollbackPath,
                current == null ? null : op.stepIndex + 1, current == null ? null : OperationMessage.label(current),
                op.currentPath().size(), PromotionPlan.canaryWeight(op), op.steps.stream().map(OperationMessage::label).toList(),
                approvals, op.conditions, op.handles, op.requesterId, op.endReason, op.createdAt, op.updatedAt, op.slackChannel, op.slackTs);
    }

}
