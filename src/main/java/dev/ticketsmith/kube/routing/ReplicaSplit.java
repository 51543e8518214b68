package dev.ticketsmith.kube.routing;

/**
 * How a total number of replicas is split between stable and canary to approximate a weight when
 * there is no layer-7 router: both run behind the same Service, so each gets traffic in proportion
 * to its ready pods. The total stays what the stable ran; below 100 % the stable keeps at least one
 * replica and above 0 % the canary has at least one.
 */
public record ReplicaSplit(int canary, int stable) {

    public static ReplicaSplit of(int total, int weight) {
        int all = Math.max(1, total);
        if (weight <= 0) {
            return new ReplicaSplit(0, all);
        }
        if (weight >= 100) {
            return new ReplicaSplit(all, 0);
        }
        int canary = (int) Math.round(all * weight / 100.0);
        canary = Math.max(1, Math.min(canary, all - 1));
        return new ReplicaSplit(canary, Math.max(1, all - canary));
    }

    /** The share of traffic the canary gets with these replicas, in percent. */
    public int weight() {
        return canary + stable == 0 ? 0 : (int) Math.round(100.0 * canary / (canary + stable));
    }
}
