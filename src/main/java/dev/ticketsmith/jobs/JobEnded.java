package dev.ticketsmith.jobs;

import java.util.UUID;

/** A job ended on this replica (a CDI event, fired asynchronously): the operation waiting on it can go on now. */
public record JobEnded(UUID job) {
}
