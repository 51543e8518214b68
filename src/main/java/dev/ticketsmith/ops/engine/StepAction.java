package dev.ticketsmith.ops.engine;

/**
 * Carries out one type of step. Implementations are CDI beans and must be idempotent: build the
 * desired state, compare with what is there, change only the difference, then say whether the goal
 * is reached. The reconciler may call a step any number of times, on any replica, and again after
 * a crash; an external id a later call depends on goes into {@link StepContext#putHandle} first.
 */
public interface StepAction {

    /** The step type this action carries out, as written in {@link StepSpec#type()}. */
    String type();

    StepResult reconcile(StepContext context);
}
