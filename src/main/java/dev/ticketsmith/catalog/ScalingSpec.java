package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits for manual scaling overrides ({@code scale checkout to 30}).
 *
 * @param maxReplicas the most replicas an override may ask for
 * @param approvalAbove overrides above this many replicas need the environment's approvals
 * @param maxOverride the longest an override may last before the autoscaler takes over again
 */
public record ScalingSpec(@Default("50") int maxReplicas, Optional<Integer> approvalAbove, @Default("8h") Duration maxOverride) {
}
