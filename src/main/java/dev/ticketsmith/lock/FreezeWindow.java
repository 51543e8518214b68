package dev.ticketsmith.lock;

import dev.ticketsmith.catalog.FreezeSpec;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a change freeze is open, computed in its own time zone (daylight saving time included):
 * weekly ({@code Fri 16:00} to {@code Mon 08:00}), yearly whole days ({@code 12-24} to {@code 12-26}
 * inclusive, across New Year when the end comes before the start) or once ({@code 2026-12-31} to
 * {@code 2027-01-01} inclusive).
 */
public final class FreezeWindow {

    private static final Pattern WEEKLY = Pattern.compile("(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\s+(\\d{1,2}):(\\d{2})");
    private static final Pattern YEARLY = Pattern.compile("(\\d{2})-(\\d{2})");
    private static final Pattern ONCE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    /** An opening of the window: when it opened (or opens) and when it closes. */
    public record Opening(Instant start, Instant end) {
    }

    private final FreezeSpec spec;
    private final ZoneId zone;

    private FreezeWindow(FreezeSpec spec) {
        this.spec = spec;
        this.zone = ZoneId.of(spec.timeZone());
    }

    /** The window of a freeze; {@link IllegalArgumentException} with the reason when it cannot be read. */
    public static FreezeWindow of(FreezeSpec spec) {
        FreezeWindow window = new FreezeWindow(spec);
        window.openingAround(Instant.EPOCH); // reads both ends, so a bad one is reported now
        return window;
    }

    /** The reason a freeze cannot be read, or empty when it can. */
    public static Optional<String> problem(FreezeSpec spec) {
        try {
            of(spec);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    public FreezeSpec spec() {
        return spec;
    }

    /** The opening in force at {@code now}, if the window is open. */
    public Optional<Opening> openAt(Instant now) {
        Opening o = openingAround(now);
        return !now.isBefore(o.start()) && now.isBefore(o.end()) ? Optional.of(o) : Optional.empty();
    }

    /** The next opening that starts after {@code now}. */
    public Optional<Opening> next(Instant now) {
        Opening o = openingAround(now);
        if (o.start().isAfter(now)) {
            return Optional.of(o);
        }
        Opening later = openingAround(o.end().plusSeconds(1));
        return later.start().isAfter(now) ? Optional.of(later) : Optional.empty();
    }

    /** The opening that contains {@code now}, or else the next one (the last one for a one-off freeze in the past). */
    private Opening openingAround(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        Matcher from = WEEKLY.matcher(spec.from().strip());
        if (from.matches()) {
            Matcher to = matcher(WEEKLY, spec.to(), "a weekday and a time, like \"Mon 08:00\", as `from` is");
            ZonedDateTime start = local.with(TemporalAdjusters.previousOrSame(day(from.group(1)))).with(time(from));
            if (start.isAfter(local)) {
                start = start.minusWeeks(1);
            }
            ZonedDateTime end = start.with(TemporalAdjusters.nextOrSame(day(to.group(1)))).with(time(to));
            if (!end.isAfter(start)) {
                end = end.plusWeeks(1);
            }
            return !local.isBefore(end) ? shift(start.plusWeeks(1), end.plusWeeks(1)) : shift(start, end);
        }
        if (ONCE.matcher(spec.from().strip()).matches()) {
            LocalDate first = LocalDate.parse(spec.from().strip());
            LocalDate last = LocalDate.parse(matcher(ONCE, spec.to(), "a date like 2027-01-01, as `from` is").group());
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("`to` (" + last + ") comes before `from` (" + first + ")");
            }
            return shift(first.atStartOfDay(zone), last.plusDays(1).atStartOfDay(zone));
        }
        Matcher yearly = matcher(YEARLY, spec.from(), "\"Fri 16:00\" (weekly), \"12-24\" (every year) or \"2026-12-24\" (once)");
        MonthDay first = MonthDay.of(Integer.parseInt(yearly.group(1)), Integer.parseInt(yearly.group(2)));
        Matcher toYearly = matcher(YEARLY, spec.to(), "a month and day like \"12-26\", as `from` is");
        MonthDay last = MonthDay.of(Integer.parseInt(toYearly.group(1)), Integer.parseInt(toYearly.group(2)));
        for (int year = local.getYear() - 1; year <= local.getYear() + 1; year++) {
            ZonedDateTime start = first.atYear(year).atStartOfDay(zone);
            ZonedDateTime end = last.atYear(last.isBefore(first) ? year + 1 : year).plusDays(1).atStartOfDay(zone);
            if (local.isBefore(end)) {
                return shift(start, end);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A readable form, such as {@code weekend (Fri 16:00 – Mon 08:00 Europe/Paris)}. */
    public String describe() {
        return spec.name() + " (" + spec.from() + " – " + spec.to() + " " + spec.timeZone() + ")";
    }

    private static Opening shift(ZonedDateTime start, ZonedDateTime end) {
        return new Opening(start.toInstant(), end.toInstant());
    }

    private static Matcher matcher(Pattern pattern, String text, String expected) {
        Matcher m = pattern.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + expected);
        }
        return m;
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown weekday " + abbreviation);
    }

    private static LocalTime time(Matcher m) {
        return LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
}
