package dev.ticketsmith.aws;

import java.util.List;

/**
 * The targets registered in a target group and how the load balancer sees them.
 *
 * @param total targets registered
 * @param healthy targets in state {@code healthy}
 * @param unhealthy targets in state {@code unhealthy}, each as {@code id (reason)}
 */
public record TargetHealthSummary(int total, int healthy, List<String> unhealthy) {

    public TargetHealthSummary {
        unhealthy = List.copyOf(unhealthy);
    }
}
