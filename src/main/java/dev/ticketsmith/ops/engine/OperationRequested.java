package dev.ticketsmith.ops.engine;

import java.util.UUID;

/** An operation was recorded and committed (a CDI event, fired asynchronously): the engine may start it at once. */
public record OperationRequested(UUID operation) {
}
