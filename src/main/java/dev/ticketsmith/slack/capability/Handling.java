package dev.ticketsmith.slack.capability;

/**
 * What a capability makes of a command: an answer, recorded as it is ({@link Handled}), or an
 * action whose effects must commit together with its delivery key and its audit record
 * ({@link Acting}).
 */
public sealed interface Handling permits Handled, Acting {
}
