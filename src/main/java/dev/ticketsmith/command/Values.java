package dev.ticketsmith.command;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and checks single values: names, artifacts, durations and whole numbers. */
final class Values {

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern ARTIFACT = Artifacts.FORM;
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private Values() {}

  /** A service, database, environment or lock target name, lower-cased. */
  static String name(Token token, Role role) {
    String value = SlackText.value(token.text(), role);
    if (!NAME.matcher(value).matches()) {
      throw new ParseProblem(String.format(
          "%s isn't a valid %s name: names are lower-case letters, digits and dashes (at most 63,"
              + " not starting or ending with a dash), like `%s`.",
          Mrkdwn.quote(value), role.bare(), role.example()));
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** A version, image or snapshot, case kept. */
  static String artifact(Token token, Role role) {
    String value = SlackText.value(token.text(), role);
    if (!ARTIFACT.matcher(value).matches()) {
      throw new ParseProblem(String.format(
          "%s isn't a valid %s: use 1 to 255 letters, digits and `. _ : / @ + -`, like `%s`"
              + " or `registry.example.com/team/checkout:1.4.2`.",
          Mrkdwn.quote(value), role.bare(), role.example()));
    }
    return value;
  }

  /** A positive compact duration such as {@code 2h} or {@code 1h30m}. */
  static Duration duration(Token token) {
    String value = SlackText.value(token.text(), Role.DURATION);
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ParseProblem(e.getMessage());
    }
  }

  /** Whether the word looks like a whole number (possibly signed or out of range). */
  static boolean isInteger(String text) {
    return INTEGER.matcher(text).matches();
  }

  /** A whole number from {@code low} to {@code high}; {@code what} names it in the message. */
  static int integer(String text, String what, int low, int high) {
    String digits = text.startsWith("+") ? text.substring(1) : text;
    if (isInteger(text) && digits.length() <= 9) {
      int value = Integer.parseInt(digits);
      if (value >= low && value <= high) {
        return value;
      }
    }
    throw new ParseProblem(String.format("%s must be a whole number from %d to %d, not %s.",
        what, low, high, Mrkdwn.code(text)));
  }
}
