package dev.ticketsmith.catalog;

/**
 * The service's normal autoscaling targets, used to judge whether an override is still needed.
 *
 * @param cpuTarget the average CPU utilisation, in percent, the HorizontalPodAutoscaler aims for
 * @param scaleInBelow average CPU utilisation, in percent, under which an override is reported as
 *     no longer needed
 */
public record AutoscalingSpec(@Default("70") int cpuTarget, @Default("30") int scaleInBelow) {
}
