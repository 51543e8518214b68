package dev.ticketsmith.catalog;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" hints for catalogue problems, worded for the catalogue's messages; the matching
 * itself is the command language's ({@link dev.ticketsmith.command.Suggestions}), so a user and an
 * operator get the same guesses.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, if any is close enough to suggest. */
    static Optional<String> closest(String typed, Collection<String> known) {
        return dev.ticketsmith.command.Suggestions.closest(typed, known, 1).stream().findFirst();
    }

    /** {@code  (did you mean "x"?)} when there is a suggestion, otherwise an empty string. */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> " (did you mean \"" + name + "\"?)").orElse("");
    }
}
