package dev.ticketsmith.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems found while reading a catalogue, without duplicates and in the order
 * found, and builds the paths they are reported under.
 */
final class Problems {

    private final Set<Problem> found = new LinkedHashSet<>();

    void add(String path, String message) {
        found.add(new Problem(path, message));
    }

    /** Adds problems found relative to a sub-document, re-rooting their paths under {@code prefix}. */
    void addUnder(String prefix, Collection<Problem> relative) {
        for (Problem problem : relative) {
            add(join(prefix, problem.path()), problem.message());
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return new ArrayList<>(found);
    }

    Set<Problem> asSet() {
        return Set.copyOf(found);
    }

    /** The path of {@code field} inside {@code path}; either part may be empty. */
    static String join(String path, String field) {
        if (path.isEmpty()) {
            return field;
        }
        return field.isEmpty() ? path : path + "." + field;
    }

    /** The path of the list item {@code index} inside {@code path}. */
    static String item(String path, int index) {
        return path + "[" + index + "]";
    }
}
