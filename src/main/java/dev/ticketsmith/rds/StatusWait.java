package dev.ticketsmith.rds;

import dev.ticketsmith.command.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One check of a wait for an RDS resource to become available, for a step to call once per tick:
 * one describe call, no sleeping. The caller keeps when the wait began, its limit and how many
 * checks in a row were throttled; this turns them and RDS's answer into a {@link WaitResult}.
 *
 * <p>A throttled or transiently failed check is {@code Throttled} (never a failure) until the limit
 * has passed. A resource RDS does not know yet is {@code Pending} for the first minute, since a
 * freshly requested one may not be visible at once; after that it has vanished and the wait fails.
 */
abstract class StatusWait<T> {

    static final Duration POLL_EVERY = Duration.ofSeconds(30);
    static final Duration NOT_VISIBLE_GRACE = Duration.ofMinutes(1);

    /** "RDS instance", "RDS snapshot": how messages name the resource. */
    abstract String noun();

    abstract Optional<T> lookup(String id);

    abstract String status(T value);

    abstract boolean ready(T value);

    /** The statuses from which it will not become available, with what each means for a person. */
    abstract Map<String, String> failedStatuses();

    /**
     * Checks once.
     *
     * @param startedAt      when the wait began (stored by the step)
     * @param limit          how long the step is willing to wait
     * @param throttledSoFar how many checks in a row before this one were throttled
     */
    public WaitResult<T> check(String id, Instant startedAt, Duration limit, Instant now, int throttledSoFar) {
        Duration elapsed = Duration.between(startedAt, now);
        boolean overLimit = elapsed.compareTo(limit) > 0;
        Optional<T> found;
        try {
            found = lookup(id);
        } catch (AwsFailure f) {
            if (!f.retryLater()) {
                return new WaitResult.Failed<>(f.getMessage());
            }
            return overLimit ? timedOut(id, limit, "unknown, AWS throttled or failed the last check (" + f.getMessage() + ")")
                    : new WaitResult.Throttled<>(Backoff.after(throttledSoFar + 1), f.getMessage());
        }
        if (found.isEmpty()) {
            return elapsed.compareTo(NOT_VISIBLE_GRACE) < 0 ? new WaitResult.Pending<>("not visible yet", POLL_EVERY)
                    : new WaitResult.Failed<>(noun() + " " + id + " no longer exists: it was deleted while we waited for it");
        }
        T value = found.get();
        String status = status(value);
        if (ready(value)) {
            return new WaitResult.Available<>(value);
        }
        if (failedStatuses().containsKey(status)) {
            return new WaitResult.Failed<>(noun() + " " + id + " is " + status + ": " + failedStatuses().get(status));
        }
        return overLimit ? timedOut(id, limit, status) : new WaitResult.Pending<>(status, POLL_EVERY);
    }

    private WaitResult<T> timedOut(String id, Duration limit, String lastStatus) {
        return new WaitResult.TimedOut<>(noun() + " " + id + " was not available within the limit of " + Durations.format(limit)
                + "; its last status was " + lastStatus + ". Raise the limit in the catalogue if this database needs longer");
    }
}
