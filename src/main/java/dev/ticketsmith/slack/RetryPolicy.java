package dev.ticketsmith.slack;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a Slack call again: after a 429, wait what {@code Retry-After} says (up to a cap and a
 * number of waits); after a 5xx or a network error, back off exponentially a bounded number of times;
 * anything else is final. One instance per call.
 */
final class RetryPolicy {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final int maxFailures;
    private final int maxRateLimitedWaits;
    private final Duration maxRetryAfter;
    private final long deadlineNanos;
    private int failures;
    private int rateLimitedWaits;

    RetryPolicy(int maxFailures, int maxRateLimitedWaits, Duration maxRetryAfter) {
        this(maxFailures, maxRateLimitedWaits, maxRetryAfter, null);
    }

    /** A policy that also gives up when a wait would end after {@code within} from now (null: no such bound). */
    RetryPolicy(int maxFailures, int maxRateLimitedWaits, Duration maxRetryAfter, Duration within) {
        this.maxFailures = maxFailures;
        this.maxRateLimitedWaits = maxRateLimitedWaits;
        this.maxRetryAfter = maxRetryAfter;
        this.deadlineNanos = within == null ? Long.MAX_VALUE : System.nanoTime() + within.toNanos();
    }

    /** How long to wait before the next attempt, or empty when the call should fail now. */
    Optional<Duration> nextWait(HttpOutcome outcome) {
        return waitFor(outcome).filter(wait -> deadlineNanos == Long.MAX_VALUE || System.nanoTime() + wait.toNanos() < deadlineNanos);
    }

    private Optional<Duration> waitFor(HttpOutcome outcome) {
        if (outcome.rateLimited()) {
            Duration wait = retryAfter(outcome.retryAfter());
            if (++rateLimitedWaits > maxRateLimitedWaits || wait.compareTo(maxRetryAfter) > 0) {
                return Optional.empty();
            }
            return Optional.of(wait);
        }
        if (outcome.retryable() && ++failures <= maxFailures) {
            return Optional.of(FIRST_BACKOFF.multipliedBy(1L << (failures - 1)));
        }
        return Optional.empty();
    }

    static Duration retryAfter(String header) {
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.trim());
                return Duration.ofSeconds(Math.max(seconds, 0));
            } catch (NumberFormatException ignored) {
                // fall through to Slack's documented minimum
            }
        }
        return Duration.ofSeconds(1);
    }
}
