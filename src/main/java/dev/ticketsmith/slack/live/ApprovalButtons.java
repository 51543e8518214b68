package dev.ticketsmith.slack.live;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.approval.OperationApproval;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationJournal;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.policy.Action;
import dev.ticketsmith.policy.Approval;
import dev.ticketsmith.ops.approval.ApprovalGateStep;
import dev.ticketsmith.policy.ApprovalRequirement;
import dev.ticketsmith.policy.ApprovalRules;
import dev.ticketsmith.policy.Decision;
import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.GroupMembershipUnknown;
import dev.ticketsmith.policy.Policy;
import dev.ticketsmith.policy.Rejection;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.ButtonHandler;
import dev.ticketsmith.slack.Replies;
import dev.ticketsmith.slack.SlackReply;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Approve and Reject on a live message awaiting approval. The click is checked against policy
 * (approvers of the environment) and the approval rules (never the requester, once per person),
 * bound to the plan's hash, stored and recorded in one transaction under the operation's row lock,
 * and the operation is made due so the gate looks again at once. A click that Slack cannot confirm
 * comes from an approver is refused with the reason and recorded as refused.
 */
@ApplicationScoped
public class ApprovalButtons implements ButtonHandler {

    private static final Set<String> ACTIONS = Set.of(OperationMessage.APPROVE, OperationMessage.REJECT);

    private final EntityManager em;
    private final Policy policy;
    private final Catalog catalog;
    private final GroupMembership groups;
    private final AuditTrail audit;
    private final Clock clock;
    private final OperationJournal journal;
    private final ApprovalRules rules = new ApprovalRules();

    ApprovalButtons(EntityManager em, Policy policy, Catalog catalog, GroupMembership groups, AuditTrail audit, Clock clock,
                    OperationJournal journal) {
        this.journal = journal;
        this.em = em;
        this.policy = policy;
        this.catalog = catalog;
        this.groups = groups;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public boolean handles(String actionId) {
        return ACTIONS.contains(actionId);
    }

    @Override
    public SlackReply handle(ButtonClick click) {
        boolean approve = click.actionId().equals(OperationMessage.APPROVE);
        return QuarkusTransaction.requiringNew().call(() -> decide(click, approve));
    }

    private SlackReply decide(ButtonClick click, boolean approve) {
        String verb = approve ? "approve" : "reject";
        AuditEntry.Builder entry = AuditEntry.by(click.userId(), click.userName()).in(click.teamId(), click.channelId()).command("button " + verb);
        Operation op = find(click.value());
        if (op == null || op.phase != Phase.AWAITING_APPROVAL || op.onRollbackPath) {
            audit.record(entry.decided(verb, AuditDecision.INVALID, "nothing awaits approval on " + click.value()));
            return SlackReply.ephemeral("Nothing to " + verb + ": this operation is not waiting for approval now.");
        }
        entry.target(op.target, op.environment).operation(op.id.toString());
        Decision decision = policy.evaluate(click.userId(), Action.APPROVE, op.environment);
        if (!decision.allowed()) {
            audit.record(entry.decided(verb, AuditDecision.REFUSED, decision.reason()));
            return Replies.refused(decision.reason());
        }
        Instant now = clock.instant();
        ApprovalRequirement requirement = gate(op);
        if (approve) {
            Optional<String> why = refusal(op, requirement, new Approval(click.userId(), click.userName(), now, op.approvalHash()), now);
            if (why.isPresent()) {
                audit.record(entry.decided(verb, AuditDecision.REFUSED, why.get()));
                return SlackReply.ephemeral(":no_entry: " + why.get());
            }
        }
        OperationApproval given = new OperationApproval();
        given.operationId = op.id;
        given.approverId = click.userId();
        given.approverName = click.userName();
        given.decision = approve ? OperationApproval.APPROVE : OperationApproval.REJECT;
        given.planHash = op.approvalHash();
        given.givenAt = now;
        given.persist();
        op.nextTickAt = now;
        journal.decided(op, click.userId(), approve ? AuditDecision.APPROVED : AuditDecision.REJECTED, approve ? "approved" : "rejected",
                approve ? "approved" : "rejected", now);
        audit.record(entry.decided(verb, approve ? AuditDecision.APPROVED : AuditDecision.REJECTED, "plan " + op.approvalHash().substring(0, 12)));
        return SlackReply.ephemeral(approve ? ":white_check_mark: Approved. Your approval counts for this plan for "
                + requirement.ttl().toMinutes() + " minutes." : ":x: Rejected: the promotion rolls back.");
    }

    /** Why this approval would not count, if it would not: a rule, a repeat, or Slack unable to confirm the approver. */
    private Optional<String> refusal(Operation op, ApprovalRequirement requirement, Approval candidate, Instant now) {
        try {
            return rules.check(requirement, op.requesterId, op.approvalHash(), candidate, now, groups)
                    .map(r -> ApprovalRules.explain(r.reason()))
                    .or(() -> alreadyApproved(op, candidate.approverId())
                            ? Optional.of(ApprovalRules.explain(Rejection.Reason.DUPLICATE)) : Optional.empty());
        } catch (GroupMembershipUnknown unknown) {
            return Optional.of(unknown.refusal(Action.APPROVE.verb(), op.environment));
        }
    }

    /** The requirement of the operation's approval gate, as its plan froze it. */
    private ApprovalRequirement gate(Operation op) {
        EnvironmentSpec env = catalog.environment(op.environment).orElseThrow();
        return op.currentPath().stream().filter(s -> s.type().equals("gate.approval")).findFirst()
                .map(step -> ApprovalGateStep.requirement(step, env)).orElseGet(() -> ApprovalRequirement.of(env));
    }

    private static boolean alreadyApproved(Operation op, String userId) {
        return OperationApproval.count("operationId = ?1 AND approverId = ?2 AND decision = ?3 AND planHash = ?4",
                op.id, userId, OperationApproval.APPROVE, op.approvalHash()) > 0;
    }

    private Operation find(String value) {
        try {
            return em.find(Operation.class, UUID.fromString(value), LockModeType.PESSIMISTIC_WRITE);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
