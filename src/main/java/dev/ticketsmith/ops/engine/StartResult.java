package dev.ticketsmith.ops.engine;

/** The answer to a request to start an operation. */
public sealed interface StartResult permits StartResult.Started, StartResult.Locked {

    /** The operation is recorded and the reconcile tick will pick it up. */
    record Started(Operation operation) implements StartResult {
    }

    /** Another operation holds the target in that environment: who, which and since when. */
    record Locked(Operation holder) implements StartResult {
    }
}
