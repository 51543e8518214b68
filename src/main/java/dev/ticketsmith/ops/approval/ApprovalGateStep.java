package dev.ticketsmith.ops.approval;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.policy.ApprovalRules;
import dev.ticketsmith.policy.ApprovalStatus;
import dev.ticketsmith.policy.GroupMembership;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code gate.approval}: holds the operation in AWAITING_APPROVAL until the environment's number of
 * distinct approvers have approved exactly this plan (its steps' hash), not counting the requester
 * and not counting approvals past their time to live. A rejection ends the wait: the operation
 * rolls back.
 */
@ApplicationScoped
public class ApprovalGateStep implements StepAction {

    static final Duration RECHECK = Duration.ofSeconds(15);

    private final Catalog catalog;
    private final GroupMembership groups;
    private final ApprovalRules rules = new ApprovalRules();

    ApprovalGateStep(Catalog catalog, GroupMembership groups) {
        this.catalog = catalog;
        this.groups = groups;
    }

    /**
     * A person as plain text ({@code ann (U123)}): reasons are shown escaped, where a mention
     * would not render.
     */
    private static String who(String id, String name) {
        return name == null || name.isBlank() ? id : name + " (" + id + ")";
    }

    @Override
    public String type() {
        return "gate.approval";
    }

    @Override
    public StepResult reconcile(StepContext ctx) {
        UUID id = UUID.fromString(ctx.operationId());
        List<OperationApproval> given = OperationApproval.of(id);
        Optional<OperationApproval> rejection = given.stream().filter(a -> a.decision.equals(OperationApproval.REJECT)).findFirst();
        if (rejection.isPresent()) {
            return StepResult.fail("rejected by " + who(rejection.get().approverId, rejection.get().approverName));
        }
        EnvironmentSpec env = catalog.environment(ctx.environment()).orElseThrow();
        ApprovalStatus status = rules.evaluate(env, ctx.requesterId(), ctx.planHash(),
                given.stream().map(OperationApproval::asApproval).toList(), ctx.now(), groups);
        String by = status.counted().stream().map(a -> who(a.approverId(), a.approverName())).collect(Collectors.joining(", "));
        if (status.satisfied()) {
            return StepResult.done("approved by " + by);
        }
        return StepResult.awaitApproval(RECHECK, "waiting for approvals: " + status.counted().size() + "/" + status.required()
                + (by.isEmpty() ? "" : " (" + by + ")") + "; approvers: " + env.approvers().describe());
    }
}
