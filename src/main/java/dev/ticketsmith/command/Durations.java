package dev.ticketsmith.command;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compact durations as users type them: {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d},
 * {@code 1h30m}, {@code 90m}. Units are days, hours, minutes and seconds, in that order, each at
 * most once and each with up to nine digits; letters may be upper or lower case.
 */
public final class Durations {

  /** The accepted forms, as quoted in error messages. */
  static final String FORMS = "30s, 2m, 1h, 7d or 1h30m";

  private static final Pattern FORM =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?", Pattern.CASE_INSENSITIVE);
  private static final ChronoUnit[] UNITS = {
    ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS
  };
  private static final int MAX_DIGITS = 9;

  private Durations() {}

  /**
   * Parses a compact duration.
   *
   * @throws IllegalArgumentException with a friendly, mrkdwn-safe message when the text is not a
   *     duration, or is zero or negative
   */
  public static Duration parse(String s) {
    String text = s == null ? "" : s.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Say how long, like " + FORMS + ".");
    }
    if (text.startsWith("-")) {
      throw refused(s, "is negative; a duration must be positive");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw refused(s, "isn't a duration; use forms like");
    }
    Duration total = Duration.ZERO;
    for (int i = 0; i < UNITS.length; i++) {
      String digits = m.group(i + 1);
      if (digits == null) {
        continue;
      }
      if (digits.length() > MAX_DIGITS) {
        throw refused(s, "is too long; use a shorter duration, like");
      }
      total = total.plus(Duration.of(Long.parseLong(digits), UNITS[i]));
    }
    if (total.isZero()) {
      throw refused(s, "is zero; a duration must be positive");
    }
    return total;
  }

  /**
   * Formats a duration in the compact form {@link #parse} accepts, largest unit first, dropping
   * zero parts and fractions of a second: 90 minutes give {@code "1h30m"}, zero gives
   * {@code "0s"}, and a negative duration gets a leading {@code '-'}.
   */
  public static String format(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long seconds = d.getSeconds();
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, seconds / 86_400, 'd');
    append(out, seconds % 86_400 / 3_600, 'h');
    append(out, seconds % 3_600 / 60, 'm');
    append(out, seconds % 60, 's');
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, char unit) {
    if (amount > 0) {
      out.append(amount).append(unit);
    }
  }

  private static IllegalArgumentException refused(String input, String why) {
    String tail = why.endsWith("like") ? " " + FORMS + "." : ", like " + FORMS + ".";
    return new IllegalArgumentException(Mrkdwn.quote(input) + " " + why + tail);
  }
}
