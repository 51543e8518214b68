package dev.ticketsmith.kube;

import java.util.Optional;

/**
 * What is running for one service in one namespace, as the Kubernetes API reports it.
 *
 * @param found     whether the Deployment exists
 * @param image     image of the service's container, or null
 * @param desired   replicas asked for
 * @param ready     replicas ready
 * @param updated   replicas on the current template
 * @param hpa       the HorizontalPodAutoscaler, when the service has one
 * @param problem   why the state could not be read, or null
 */
public record WorkloadState(boolean found, String image, int desired, int ready, int updated,
                            Optional<HpaState> hpa, String problem) {

    public static WorkloadState missing() {
        return new WorkloadState(false, null, 0, 0, 0, Optional.empty(), null);
    }

    public static WorkloadState unreadable(String problem) {
        return new WorkloadState(false, null, 0, 0, 0, Optional.empty(), problem);
    }

    /**
     * An autoscaler's bounds and what it currently wants.
     *
     * @param desiredReplicas what it last asked for (its status), 0 when not reported
     * @param cpuTarget  target average CPU utilisation in percent, if set
     * @param cpuCurrent current average CPU utilisation in percent, if reported
     * @param scaleDownBehaviour whether it says how to scale in ({@code behavior.scaleDown})
     */
    public record HpaState(int minReplicas, int maxReplicas, int currentReplicas, int desiredReplicas, Integer cpuTarget, Integer cpuCurrent,
                           boolean scaleDownBehaviour) {
    }
}
