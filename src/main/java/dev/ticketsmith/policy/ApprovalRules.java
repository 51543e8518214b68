package dev.ticketsmith.policy;

import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.policy.Rejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which approvals of an operation count. An approval counts when all of these hold:
 * <ol>
 *   <li>it is not by the requester, even if the requester is an approver;</li>
 *   <li>it is by one of the environment's approvers (a listed user or a member of a listed group);</li>
 *   <li>it is for the current plan (same {@link PlanHash}), otherwise it is stale;</li>
 *   <li>it is not older than the environment's {@code approvalTtl}, otherwise it has expired;</li>
 *   <li>its approver has not already been counted: each person counts once.</li>
 * </ol>
 * The operation may proceed once the environment's {@code approvals} distinct approvals count. An
 * approval whose approver Slack cannot place in an approver group ({@link GroupMembershipUnknown})
 * neither counts nor is rejected: it is {@link UnconfirmedApproval unconfirmed} until Slack answers,
 * unless it is for another plan or expired anyway.
 */
public final class ApprovalRules {

    /**
     * Sorts {@code approvals} into counted, rejected and unconfirmed ones, oldest first.
     *
     * @param now the time to judge expiry against
     */
    public ApprovalStatus evaluate(EnvironmentSpec environment, String requesterId, String planHash,
            List<Approval> approvals, Instant now, GroupMembership groups) {
        return evaluate(ApprovalRequirement.of(environment), requesterId, planHash, approvals, now, groups);
    }

    /** Like {@link #evaluate(EnvironmentSpec, String, String, List, Instant, GroupMembership)}, for a requirement a plan froze. */
    public ApprovalStatus evaluate(ApprovalRequirement environment, String requesterId, String planHash,
            List<Approval> approvals, Instant now, GroupMembership groups) {
        List<Approval> counted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        List<UnconfirmedApproval> unconfirmed = new ArrayList<>();
        Set<String> approvers = new HashSet<>();
        List<Approval> oldestFirst = approvals.stream().sorted(Comparator.comparing(Approval::at)).toList();
        for (Approval approval : oldestFirst) {
            Optional<Reason> reason;
            try {
                reason = reject(environment, requesterId, planHash, approval, now, groups);
            } catch (GroupMembershipUnknown unknown) {
                reason = outdated(environment, planHash, approval, now);
                if (reason.isEmpty()) {
                    unconfirmed.add(UnconfirmedApproval.of(approval, unknown));
                    continue;
                }
            }
            if (reason.isEmpty() && !approvers.add(approval.approverId())) {
                reason = Optional.of(Reason.DUPLICATE);
            }
            reason.ifPresentOrElse(r -> rejected.add(new Rejection(approval, r)), () -> counted.add(approval));
        }
        int required = environment.required();
        return new ApprovalStatus(required, counted, rejected, unconfirmed, counted.size() >= required);
    }

    /**
     * Checks a single new approval, to refuse a click at once with {@link #explain(Reason)}.
     * Duplicates are not detected here, as no earlier approvals are given; {@link #evaluate} finds them.
     *
     * @throws GroupMembershipUnknown when Slack cannot confirm the approver is in an approver group;
     *         refuse the click with {@link GroupMembershipUnknown#refusal}
     */
    public Optional<Rejection> check(EnvironmentSpec environment, String requesterId, String planHash,
            Approval candidate, Instant now, GroupMembership groups) {
        return check(ApprovalRequirement.of(environment), requesterId, planHash, candidate, now, groups);
    }

    /** Like {@link #check(EnvironmentSpec, String, String, Approval, Instant, GroupMembership)}, for a requirement a plan froze. */
    public Optional<Rejection> check(ApprovalRequirement environment, String requesterId, String planHash,
            Approval candidate, Instant now, GroupMembership groups) {
        return reject(environment, requesterId, planHash, candidate, now, groups)
                .map(reason -> new Rejection(candidate, reason));
    }

    /** A sentence for the person whose approval did not count, saying what to do instead. */
    public static String explain(Reason reason) {
        return switch (reason) {
            case REQUESTER -> "You requested this operation, so your approval does not count: ask another approver.";
            case NOT_APPROVER -> "You are not an approver in this environment, so your approval does not count.";
            case EXPIRED -> "Your approval has expired: approve again if the plan still looks right.";
            case STALE_PLAN -> "The plan changed after you approved it: review the current plan and approve again.";
            case DUPLICATE -> "You have already approved this operation; each approver counts once.";
        };
    }

    private static Optional<Reason> reject(ApprovalRequirement environment, String requesterId, String planHash,
            Approval approval, Instant now, GroupMembership groups) {
        if (approval.approverId().equals(requesterId)) {
            return Optional.of(Reason.REQUESTER);
        }
        if (!environment.approvers().includes(approval.approverId(), groups)) {
            return Optional.of(Reason.NOT_APPROVER);
        }
        return outdated(environment, planHash, approval, now);
    }

    /** Whether the approval is for another plan, or too old: the reasons that need no look-up. */
    private static Optional<Reason> outdated(ApprovalRequirement environment, String planHash, Approval approval, Instant now) {
        if (!approval.planHash().equals(planHash)) {
            return Optional.of(Reason.STALE_PLAN);
        }
        if (now.isAfter(approval.at().plus(environment.ttl()))) {
            return Optional.of(Reason.EXPIRED);
        }
        return Optional.empty();
    }
}
