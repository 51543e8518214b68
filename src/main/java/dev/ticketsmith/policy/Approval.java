package dev.ticketsmith.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One click on an operation's Approve button.
 *
 * @param approverId the Slack user id of who clicked
 * @param approverName their display name, for messages
 * @param at when they clicked
 * @param planHash the {@link PlanHash} of the plan they saw
 */
public record Approval(String approverId, String approverName, Instant at, String planHash) {

    /** Checks that who, when and what are present. */
    public Approval {
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(planHash, "planHash");
    }
}
