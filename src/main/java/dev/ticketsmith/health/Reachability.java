package dev.ticketsmith.health;

import java.time.Instant;

/**
 * The outcome of one reachability check of an outside system.
 *
 * @param reachable whether it answered as expected
 * @param detail    what it answered (a version, a team) or why it did not
 * @param checkedAt when the check finished
 */
public record Reachability(boolean reachable, String detail, Instant checkedAt) {

    public static Reachability ok(String detail, Instant at) {
        return new Reachability(true, detail, at);
    }

    public static Reachability failed(String detail, Instant at) {
        return new Reachability(false, detail, at);
    }
}
