package dev.ticketsmith.ops.engine;

import java.time.Instant;

/** Abort and rollback are state: the cursor moves to the start of the rollback path. */
final class Rollback {

    private Rollback() {
    }

    /** Puts the operation on its rollback path; it ends in {@code outcome} once the path is done. */
    static void begin(Operation op, Phase outcome, String reason, Instant now) {
        op.onRollbackPath = true;
        op.rollbackOutcome = outcome;
        op.endReason = reason;
        op.stepIndex = 0;
        op.errorCount = 0;
        op.phase = Phase.RUNNING;
        op.stepStartedAt = now;
        op.nextTickAt = now;
        op.updatedAt = now;
    }
}
