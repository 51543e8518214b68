package dev.ticketsmith.catalog;

import java.util.Objects;

/**
 * One thing wrong with a catalogue, located by its path in the YAML document.
 *
 * <p>Paths use dots for fields and brackets for list items, for example
 * {@code services.checkout.steps[2].weight}; a problem with the document as a whole has an empty
 * path.
 *
 * @param path where the problem is, or empty for the whole document
 * @param message what is wrong, phrased so that the reader knows what to change
 */
public record Problem(String path, String message) {

    /** Checks that both parts are present. */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Renders {@code path: message}, or just the message when the path is empty. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
