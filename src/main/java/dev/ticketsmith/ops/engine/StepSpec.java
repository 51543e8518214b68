package dev.ticketsmith.ops.engine;

import java.util.Map;

/**
 * One step of an operation's plan, as data: the type names the {@link StepAction} that carries it
 * out, the parameters say with what (a weight, a hold, an image). Stored as JSON on the operation.
 */
public record StepSpec(String type, Map<String, String> params) {

    public StepSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static StepSpec of(String type, Map<String, String> params) {
        return new StepSpec(type, params);
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A parameter that plans recorded before it existed do not have. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }
}
