package dev.ticketsmith.rds;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to check again after AWS throttled a step: 5 s after the first throttle, doubling with
 * each consecutive one, capped at 2 minutes. Jitter takes up to a quarter off each delay, so steps
 * throttled together spread out, while each delay stays longer than the one before until the cap.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration CAP = Duration.ofMinutes(2);
    private static final double MAX_JITTER = 0.25;

    private Backoff() {
    }

    /** The delay after {@code consecutiveThrottles} throttled calls in a row (counting this one), with random jitter. */
    public static Duration after(int consecutiveThrottles) {
        return after(consecutiveThrottles, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay after {@code consecutiveThrottles} throttled calls in a row (counting this one);
     * {@code random} in [0, 1) picks the jitter, 0 for none.
     */
    public static Duration after(int consecutiveThrottles, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        int doublings = Math.min(Math.max(consecutiveThrottles - 1, 0), 16);
        long ceiling = Math.min(FIRST.toMillis() << doublings, CAP.toMillis());
        return Duration.ofMillis(Math.round(ceiling * (1 - MAX_JITTER * random)));
    }
}
