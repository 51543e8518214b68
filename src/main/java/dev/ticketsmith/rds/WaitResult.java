package dev.ticketsmith.rds;

import java.time.Duration;

/**
 * The answer to one check of a wait (for an instance or a snapshot to become available): what a
 * step does next. {@code T} is what is waited for ({@link DbInstance} or {@link Snapshot}).
 */
public sealed interface WaitResult<T> {

    /** Ready: the step can go on with {@code value}. */
    record Available<T>(T value) implements WaitResult<T> {
    }

    /** Not yet: RDS reports {@code status}; check again in {@code recheckIn}. */
    record Pending<T>(String status, Duration recheckIn) implements WaitResult<T> {
    }

    /** AWS throttled the check (or failed it transiently): check again in {@code recheckIn}, count one more throttle. */
    record Throttled<T>(Duration recheckIn, String reason) implements WaitResult<T> {
    }

    /** The wait took longer than its limit. */
    record TimedOut<T>(String message) implements WaitResult<T> {
    }

    /** It will not become available: a failed status, a vanished resource, or a call that failed for good. */
    record Failed<T>(String message) implements WaitResult<T> {
    }

    /** True when the step should keep waiting (pending or throttled). */
    default boolean waiting() {
        return this instanceof Pending || this instanceof Throttled;
    }
}
