package dev.ticketsmith.ops.approval;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.policy.Approval;
import dev.ticketsmith.policy.ApprovalRequirement;
import dev.ticketsmith.policy.ApprovalRules;
import dev.ticketsmith.policy.ApprovalStatus;
import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.UnconfirmedApproval;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code gate.approval}: holds the operation in AWAITING_APPROVAL until {@code approvals} distinct
 * approvers of the environment have approved exactly this plan (its hash), not counting the
 * requester and not counting approvals older than {@code ttl}. The count and the time to live are
 * the plan's own, frozen when it was made; who may approve is the environment's policy now. A
 * rejection ends the wait: the operation rolls back. An approval whose approver Slack cannot place
 * in an approver group does not count yet, and the waiting note says so; the gate keeps waiting and
 * counts it once Slack answers.
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
        ApprovalRequirement requirement = requirement(ctx.step(), catalog.environment(ctx.environment()).orElseThrow());
        return judge(requirement, ctx.requesterId(), ctx.planHash(), given.stream().map(OperationApproval::asApproval).toList(), ctx.now());
    }

    /** Whether these approvals let the operation go on, and if not, what the gate waits for. */
    StepResult judge(ApprovalRequirement requirement, String requesterId, String planHash, List<Approval> approvals, Instant now) {
        ApprovalStatus status = rules.evaluate(requirement, requesterId, planHash, approvals, now, groups);
        String by = status.counted().stream().map(a -> who(a.approverId(), a.approverName())).collect(Collectors.joining(", "));
        if (status.satisfied()) {
            return StepResult.done("approved by " + by);
        }
        return StepResult.awaitApproval(RECHECK, "waiting for approvals: " + status.counted().size() + "/" + status.required()
                + (by.isEmpty() ? "" : " (" + by + ")") + "; approvers: " + requirement.approvers().describe()
                + status.unconfirmed().stream().map(ApprovalGateStep::unconfirmed).collect(Collectors.joining()));
    }

    /**
     * Why an approval is not counted yet. Slack's error is named but not the age of the last good
     * answer, so the note, and the condition it makes, change only when something does.
     */
    private static String unconfirmed(UnconfirmedApproval waiting) {
        Approval approval = waiting.approval();
        return "; could not check with Slack whether " + who(approval.approverId(), approval.approverName()) + " is in user group "
                + waiting.groupId() + " (" + waiting.failure() + "), so that approval does not count yet";
    }

    /** The requirement a gate step froze: its count and time to live, with the environment's approvers. */
    public static ApprovalRequirement requirement(StepSpec gate, EnvironmentSpec environment) {
        return new ApprovalRequirement(environment.approvers(),
                Integer.parseInt(gate.param("approvals", Integer.toString(environment.approvals()))),
                Duration.parse(gate.param("ttl", environment.approvalTtl().toString())));
    }
}
