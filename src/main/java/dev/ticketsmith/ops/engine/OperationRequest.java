package dev.ticketsmith.ops.engine;

import java.util.List;
import java.util.Map;

/**
 * What starting an operation needs: its kind and target, what its steps act on, the plan and how
 * to undo it, and who asked.
 *
 * @param context what the steps act on, frozen now (see {@link Operation#context}); hashed with the steps
 * @param rollbackSteps the steps that undo the plan, run after a failed step or an abort
 */
public record OperationRequest(String kind, String target, String environment, Map<String, String> context, List<StepSpec> steps,
                               List<StepSpec> rollbackSteps, String requesterId, String requesterName) {

    public OperationRequest {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("an operation needs at least one step");
        }
        context = context == null ? Map.of() : Map.copyOf(context);
        steps = List.copyOf(steps);
        rollbackSteps = rollbackSteps == null ? List.of() : List.copyOf(rollbackSteps);
    }

    /** An operation whose steps carry everything they need in their parameters. */
    public OperationRequest(String kind, String target, String environment, List<StepSpec> steps,
                            List<StepSpec> rollbackSteps, String requesterId, String requesterName) {
        this(kind, target, environment, Map.of(), steps, rollbackSteps, requesterId, requesterName);
    }
}
