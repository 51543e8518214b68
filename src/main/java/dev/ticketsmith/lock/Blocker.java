package dev.ticketsmith.lock;

/**
 * Why a change may not happen now: a lock (who, why, until when) or an open change freeze, in words
 * for the person refused.
 *
 * @param what a sentence such as "`checkout` is locked by <@U0LEAD1> since …: incident 42 (until …)"
 */
public record Blocker(String what) {
}
