package dev.ticketsmith.ops.engine;

import java.util.List;

/**
 * What starting an operation needs: its kind and target, the plan and how to undo it, and who asked.
 *
 * @param rollbackSteps the steps that undo the plan, run after a failed step or an abort
 */
public record OperationRequest(String kind, String target, String environment, List<StepSpec> steps,
                               List<StepSpec> rollbackSteps, String requesterId, String requesterName) {

    public OperationRequest {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("an operation needs at least one step");
        }
        steps = List.copyOf(steps);
        rollbackSteps = rollbackSteps == null ? List.of() : List.copyOf(rollbackSteps);
    }
}
