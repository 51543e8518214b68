package dev.ticketsmith.ops.restore;

import dev.ticketsmith.ops.approval.ApprovalGateStep;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code gate.cutover}: a second approval, after validation and before the consumers are repointed.
 * The approval subject gains the validated copy, so approvals given to the plan before provisioning
 * do not count here: approvers look again, at a copy that passed its checks.
 */
@ApplicationScoped
public class CutoverGateStep implements StepAction {

    private final ApprovalGateStep gate;

    CutoverGateStep(ApprovalGateStep gate) {
        this.gate = gate;
    }

    @Override
    public String type() {
        return "gate.cutover";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        String subject = ctx.handle(StepContext.APPROVAL_SUBJECT).orElse("");
        String marker = "|cut-over of " + ctx.plan().get(DbPlan.COPY);
        if (!subject.endsWith(marker)) {
            ctx.putHandle(StepContext.APPROVAL_SUBJECT, subject + marker);
        }
        StepResult result = gate.reconcile(ctx);
        if (result instanceof StepResult.Wait wait) {
            return StepResult.awaitApproval(wait.recheckIn(), "cut-over " + wait.note());
        }
        return result;
    }
}
