package dev.ticketsmith.policy;

import java.util.List;

/**
 * Where an operation stands with its approvals.
 *
 * @param required how many distinct approvals the environment asks for
 * @param counted the approvals that count, one per approver, oldest first
 * @param rejected the approvals that do not count, with the reason
 * @param unconfirmed the approvals that would count if Slack could confirm the approver's group
 * @param satisfied whether {@code counted} reaches {@code required}
 */
public record ApprovalStatus(int required, List<Approval> counted, List<Rejection> rejected, List<UnconfirmedApproval> unconfirmed,
        boolean satisfied) {

    /** Copies the lists. */
    public ApprovalStatus {
        counted = List.copyOf(counted);
        rejected = List.copyOf(rejected);
        unconfirmed = List.copyOf(unconfirmed);
    }

    /** How many more approvals are needed; 0 when satisfied. */
    public int missing() {
        return Math.max(0, required - counted.size());
    }
}
