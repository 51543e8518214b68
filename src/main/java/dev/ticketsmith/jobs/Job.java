package dev.ticketsmith.jobs;

import java.util.Map;
import java.util.UUID;

/**
 * A job as its row says: its state, how far it got, and its result or why it failed.
 *
 * @param state {@code PENDING}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 */
public record Job(UUID id, String kind, String state, int attempt, String progress, Map<String, String> result, String error) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(state);
    }

    public boolean failed() {
        return "FAILED".equals(state);
    }

    public boolean done() {
        return succeeded() || failed();
    }
}
