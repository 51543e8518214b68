package dev.ticketsmith.policy;

/**
 * An approval that does not count, and why.
 *
 * @param approval the approval set aside
 * @param reason why it does not count; {@link ApprovalRules#explain(Reason)} words it
 */
public record Rejection(Approval approval, Reason reason) {

    /** Why an approval does not count. */
    public enum Reason {
        /** The approver is the person who requested the operation. */
        REQUESTER,
        /** The approver is not among the environment's approvers. */
        NOT_APPROVER,
        /** The approval is older than the environment's approval TTL. */
        EXPIRED,
        /** The approval was for a different plan than the current one. */
        STALE_PLAN,
        /** The same person has already approved; each approver counts once. */
        DUPLICATE
    }
}
