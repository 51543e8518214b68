package dev.ticketsmith.ops.engine;

import java.time.Duration;

/** What one reconcile of a step found. Steps never sleep: they answer {@link Wait} and are called again. */
public sealed interface StepResult permits StepResult.Done, StepResult.Wait, StepResult.Fail {

    /** The step has reached its goal; the cursor moves on. */
    record Done(String note) implements StepResult {
    }

    /**
     * Not there yet: call again after {@code recheckIn}. {@code note} becomes a condition when it
     * changes; {@code awaitingApproval} puts the operation in AWAITING_APPROVAL meanwhile.
     */
    record Wait(Duration recheckIn, String note, boolean awaitingApproval) implements StepResult {
    }

    /**
     * The step cannot succeed; the operation takes its rollback path and ends in {@code outcome}
     * once the path is done: {@link Phase#ROLLED_BACK} when the rollback undid the attempt (a
     * promotion), {@link Phase#FAILED} when what failed is the operation's answer (a restore test
     * whose checks failed is cleaned up, and it still failed).
     */
    record Fail(String reason, Phase outcome) implements StepResult {

        public Fail(String reason) {
            this(reason, Phase.ROLLED_BACK);
        }
    }

    static Done done(String note) {
        return new Done(note);
    }

    static Wait waitFor(Duration recheckIn, String note) {
        return new Wait(recheckIn, note, false);
    }

    static Wait awaitApproval(Duration recheckIn, String note) {
        return new Wait(recheckIn, note, true);
    }

    static Fail fail(String reason) {
        return new Fail(reason);
    }

    /** A failure that is the operation's outcome even after its rollback path ran. */
    static Fail failed(String reason) {
        return new Fail(reason, Phase.FAILED);
    }
}
