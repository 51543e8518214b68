package dev.ticketsmith.audit;

/** What became of the thing an audit record describes. */
public enum AuditDecision {
    /** A request passed parsing and policy and was taken on. */
    ACCEPTED,
    /** Policy, a lock or the catalogue refused a well-formed request. */
    REFUSED,
    /** The request could not be understood. */
    INVALID,
    /** The request was understood and allowed, but this deployment does not offer the capability. */
    NOT_ENABLED,
    /** Read-only requests (help, status, history) that were answered. */
    ANSWERED,
    /** An approver approved an operation. */
    APPROVED,
    /** An approver rejected an operation. */
    REJECTED,
    /** An operation moved from one phase or step to another. */
    STATE_CHANGE,
    /** An operation finished as intended. */
    SUCCEEDED,
    /** An operation failed. */
    FAILED,
    /** An operation was aborted by a person. */
    ABORTED,
    /** An operation was rolled back. */
    ROLLED_BACK,
    /** A request from outside Slack's signature was refused. */
    UNVERIFIED
}
