package dev.ticketsmith.policy;

/**
 * An approval that would count if Slack could confirm its approver is in an approver group: it
 * neither counts nor is rejected, and is judged again when the gate looks next.
 *
 * @param approval the approval waiting for Slack
 * @param groupId the approver group Slack could not list
 * @param failure what went wrong, such as {@code usergroups.users.list failed: ratelimited}
 */
public record UnconfirmedApproval(Approval approval, String groupId, String failure) {

    static UnconfirmedApproval of(Approval approval, GroupMembershipUnknown unknown) {
        return new UnconfirmedApproval(approval, unknown.groupId(), unknown.failure());
    }
}
