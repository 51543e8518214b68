package dev.ticketsmith.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean…?" candidates: known names close to what the user typed.
 *
 * <p>Comparison is case-insensitive. A candidate is kept when its optimal-string-alignment
 * Damerau-Levenshtein distance (insertions, deletions, substitutions and swaps of two neighbours)
 * to the input is at most {@code max(2, length / 3)}, or when it contains the input. The closest
 * come first; ties are ordered by name.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Returns at most {@code max} names from {@code known}, best first, spelled as in {@code known}.
   * A null or blank input, a null collection or a {@code max} below one give an empty list.
   */
  public static List<String> closest(String input, Collection<String> known, int max) {
    if (input == null || known == null || max <= 0) {
      return List.of();
    }
    String needle = input.strip().toLowerCase(Locale.ROOT);
    if (needle.isEmpty()) {
      return List.of();
    }
    int threshold = Math.max(2, needle.codePointCount(0, needle.length()) / 3);
    List<Candidate> kept = new ArrayList<>();
    for (String name : new LinkedHashSet<>(known)) {
      if (name == null) {
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      int distance = distance(needle, lower);
      if (distance <= threshold || lower.contains(needle)) {
        kept.add(new Candidate(name, distance));
      }
    }
    kept.sort(Comparator.comparingInt(Candidate::distance)
        .thenComparing(Candidate::name, String.CASE_INSENSITIVE_ORDER)
        .thenComparing(Candidate::name));
    return kept.stream().limit(max).map(Candidate::name).toList();
  }

  /** Optimal-string-alignment distance between two strings, counted in code points. */
  static int distance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[][] d = new int[x.length + 1][y.length + 1];
    for (int i = 0; i <= x.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= y.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[x.length][y.length];
  }

  private record Candidate(String name, int distance) {}
}
