package dev.ticketsmith.catalog;

import java.time.Duration;

/**
 * One step of a canary release: send {@code weight} percent of the traffic to the canary, then
 * watch it for {@code hold} before the next step.
 *
 * @param weight the canary's share of the traffic in percent, 1 to 100
 * @param hold how long to stay at this weight while the analysis runs
 */
public record CanaryStep(@Required int weight, @Required Duration hold) {
}
