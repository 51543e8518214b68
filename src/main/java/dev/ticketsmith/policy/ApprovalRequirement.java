package dev.ticketsmith.policy;

import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.Principals;

import java.time.Duration;

/**
 * What an approval gate asks for: who may approve, how many distinct approvers, and how long an
 * approval stays valid. A plan freezes the count and the time to live when it is made; who the
 * approvers are is policy and is read when an approval is counted.
 */
public record ApprovalRequirement(Principals approvers, int required, Duration ttl) {

    /** The environment's requirement as the catalogue has it now. */
    public static ApprovalRequirement of(EnvironmentSpec environment) {
        return new ApprovalRequirement(environment.approvers(), environment.approvals(), environment.approvalTtl());
    }
}
