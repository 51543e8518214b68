package dev.ticketsmith.ops.promote;

import dev.ticketsmith.kube.CanaryState;

/** The pod-level health rules every release step applies to the canary. */
final class CanaryHealth {

    private CanaryHealth() {
    }

    /** Why the canary is unhealthy, or null when it is not. */
    static String problem(CanaryState state, int maxRestarts) {
        if (!state.exists()) {
            return "the canary Deployment is gone";
        }
        if (state.crashLoop() != null) {
            return "canary pod " + state.crashLoop() + " is in CrashLoopBackOff";
        }
        if (state.restarts() > maxRestarts) {
            return "canary containers restarted " + state.restarts() + " times (at most " + maxRestarts + " allowed)";
        }
        return null;
    }
}
