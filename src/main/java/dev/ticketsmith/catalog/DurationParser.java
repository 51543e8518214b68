package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalogue's compact durations: {@code 30s}, {@code 2m}, {@code 1h},
 * {@code 7d} and combinations such as {@code 1h30m}.
 *
 * <p>Units are days, hours, minutes and seconds; each may appear once, largest first. There is no
 * sign, fraction or space, so {@code 1.5h}, {@code -2m} and {@code 2 m} are refused. Stricter than
 * the command language's {@link dev.ticketsmith.command.Durations} on purpose (lower case only, zero
 * allowed); both write durations with {@link dev.ticketsmith.command.Durations#format}.
 */
final class DurationParser {

    /** The shape shown to users when a duration cannot be read. */
    static final String EXAMPLES = "30s, 2m, 1h30m or 7d";

    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");
    private static final String UNITS = "dhms";
    private static final Duration[] UNIT_LENGTHS = {
        Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1)
    };

    private DurationParser() {
    }

    /** The duration {@code text} denotes, or empty when it is not a valid duration. */
    static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = PART.matcher(text);
        Duration total = Duration.ZERO;
        int previousUnit = -1;
        int position = 0;
        while (position < text.length()) {
            matcher.region(position, text.length());
            if (!matcher.lookingAt()) {
                return Optional.empty();
            }
            int unit = UNITS.indexOf(matcher.group(2));
            if (unit <= previousUnit) {
                return Optional.empty();
            }
            total = total.plus(UNIT_LENGTHS[unit].multipliedBy(Long.parseLong(matcher.group(1))));
            previousUnit = unit;
            position = matcher.end();
        }
        return Optional.of(total);
    }
}
