package dev.ticketsmith.kube;

/**
 * How the canary Deployment's pods are doing.
 *
 * @param exists     whether the canary Deployment exists
 * @param desired    replicas asked for
 * @param ready      replicas ready
 * @param restarts   container restarts summed over the canary's pods
 * @param crashLoop  the name of a pod whose container is in CrashLoopBackOff, or null
 * @param stalled    why the Deployment stopped progressing ({@code Progressing=False}, such as
 *                   ProgressDeadlineExceeded), or null
 */
public record CanaryState(boolean exists, int desired, int ready, int restarts, String crashLoop, String stalled) {
}
