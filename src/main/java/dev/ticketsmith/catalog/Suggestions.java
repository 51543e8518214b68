package dev.ticketsmith.catalog;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the name a user probably meant, for "did you mean" hints: a known name that starts with
 * what was typed (at least three characters), or one within a small edit distance of it.
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, if any is close enough to suggest. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String name = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(wanted, name);
            boolean prefix = wanted.length() >= 3 && (name.startsWith(wanted) || wanted.startsWith(name));
            boolean near = distance <= Math.max(1, Math.min(wanted.length(), name.length()) / 3);
            if ((prefix || near) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code  (did you mean "x"?)} when there is a suggestion, otherwise an empty string. */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> " (did you mean \"" + name + "\"?)").orElse("");
    }

    /** Levenshtein distance: the number of single-character edits between the two strings. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
