package dev.ticketsmith.command;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code scale <service> min=<n> max=<m> [for <duration>] [in <env>] [reason…]} and
 * {@code scale <service> reset [in <env>]}. The bounds
 * come in either order and may be written {@code min=3}, {@code min = 3}, {@code min:3} or
 * {@code min: 3}; each is a whole number from 0 to 1000 and min may not exceed max.
 */
final class ScaleParser {

  private static final Pattern BOUND = Pattern.compile("(?i)(min|max)(?:([=:])(.*))?");
  private static final int LIMIT = 1000;
  private static final String EXAMPLE = "like `scale checkout min=2 max=5`";

  private ScaleParser() {}

  /** Parses the words after {@code scale}. */
  static Command scale(Tokens t) {
    Token first = t.require("Say which service to scale, " + EXAMPLE + ".");
    if (!first.quoted() && BOUND.matcher(first.text()).matches()) {
      throw new ParseProblem("Say which service to scale before min and max, " + EXAMPLE + ".");
    }
    String service = Values.name(first, Role.SERVICE);
    if (t.nextIs("reset")) {
      t.next();
      Optional<String> environment = Optional.ofNullable(t.options(Map.of("in", Role.ENVIRONMENT)).get("in"))
          .map(v -> Values.name(v, Role.ENVIRONMENT));
      t.end();
      return Command.Scale.reset(service, environment);
    }
    Integer min = null;
    Integer max = null;
    while (t.hasNext() && (min == null || max == null)) {
      Matcher m = BOUND.matcher(t.peek().text());
      if (t.peek().quoted() || !m.matches()) {
        break;
      }
      t.next();
      String key = m.group(1).toLowerCase(Locale.ROOT);
      int value = Values.integer(value(t, key, m), key, 0, LIMIT);
      if (key.equals("min") ? min != null : max != null) {
        throw new ParseProblem("You gave " + key + " twice: give it once, " + EXAMPLE + ".");
      }
      if (key.equals("min")) {
        min = value;
      } else {
        max = value;
      }
    }
    if (min == null || max == null) {
      throw new ParseProblem("Say both min and max, " + EXAMPLE + ".");
    }
    if (min > max) {
      throw new ParseProblem(String.format("min (%d) is larger than max (%d): give the smaller"
          + " number as min, like `min=%d max=%d`.", min, max, max, min));
    }
    Map<String, Token> options = t.options(Map.of("for", Role.DURATION, "in", Role.ENVIRONMENT));
    Optional<Duration> duration = Optional.ofNullable(options.get("for")).map(Values::duration);
    Optional<String> environment = Optional.ofNullable(options.get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    return new Command.Scale(service, min, max, duration, environment, t.reason());
  }

  private static String value(Tokens t, String key, Matcher bound) {
    String missing = "Say a number after " + key + ", " + EXAMPLE + ".";
    if (bound.group(2) != null) {
      return bound.group(3).isEmpty() ? t.require(missing).text() : bound.group(3);
    }
    String next = t.require(missing).text();
    if (next.equals("=") || next.equals(":")) {
      return t.require(missing).text();
    }
    if (next.startsWith("=") || next.startsWith(":")) {
      return next.substring(1);
    }
    throw new ParseProblem("Write " + key + " with an equals sign, " + EXAMPLE + ".");
  }
}
