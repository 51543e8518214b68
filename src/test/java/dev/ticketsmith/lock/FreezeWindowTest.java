package dev.ticketsmith.lock;

import dev.ticketsmith.catalog.FreezeSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Change freeze windows in their own time zone, across the boundary to UTC, New Year and daylight saving time. */
class FreezeWindowTest {

    private static FreezeWindow window(String zone, String from, String to) {
        return FreezeWindow.of(new FreezeSpec("test", zone, from, to));
    }

    @Test
    void aWeeklyWindowOpensAtItsLocalTimeNotAtUtcs() {
        FreezeWindow weekend = window("Europe/Paris", "Fri 16:00", "Mon 08:00"); // Paris is UTC+1 in December
        assertFalse(weekend.openAt(Instant.parse("2026-12-04T14:59:00Z")).isPresent(), "15:59 in Paris on a Friday");
        var open = weekend.openAt(Instant.parse("2026-12-04T15:00:00Z"));
        assertTrue(open.isPresent(), "16:00 in Paris");
        assertEquals(Instant.parse("2026-12-07T07:00:00Z"), open.get().end(), "Monday 08:00 in Paris");
        assertTrue(weekend.openAt(Instant.parse("2026-12-06T23:30:00Z")).isPresent(), "Sunday night");
        assertFalse(weekend.openAt(Instant.parse("2026-12-07T07:00:00Z")).isPresent(), "Monday 08:00 in Paris: open again");
        assertEquals(Instant.parse("2026-12-11T15:00:00Z"), weekend.next(Instant.parse("2026-12-07T07:00:00Z")).orElseThrow().start());
    }

    @Test
    void theSameWindowElsewhereIsAnotherInstant() {
        FreezeWindow newYork = window("America/New_York", "Fri 16:00", "Mon 08:00"); // UTC-5 in December
        assertFalse(newYork.openAt(Instant.parse("2026-12-04T15:00:00Z")).isPresent(), "10:00 in New York");
        assertTrue(newYork.openAt(Instant.parse("2026-12-04T21:00:00Z")).isPresent(), "16:00 in New York");
    }

    @Test
    void daylightSavingTimeMovesTheUtcInstantNotTheLocalTime() {
        FreezeWindow weekend = window("Europe/Paris", "Fri 16:00", "Mon 08:00"); // UTC+2 in summer
        assertTrue(weekend.openAt(Instant.parse("2026-07-03T14:00:00Z")).isPresent(), "16:00 in Paris in July");
        assertFalse(weekend.openAt(Instant.parse("2026-07-03T13:59:00Z")).isPresent());
    }

    @Test
    void yearlyDaysAreWholeDaysIncludedAndMayCrossNewYear() {
        FreezeWindow christmas = window("Europe/Paris", "12-24", "12-26");
        assertFalse(christmas.openAt(Instant.parse("2026-12-23T22:59:00Z")).isPresent(), "23:59 on the 23rd in Paris");
        assertTrue(christmas.openAt(Instant.parse("2026-12-23T23:00:00Z")).isPresent(), "midnight of the 24th in Paris");
        assertTrue(christmas.openAt(Instant.parse("2026-12-26T22:59:00Z")).isPresent(), "the 26th is included");
        assertFalse(christmas.openAt(Instant.parse("2026-12-26T23:00:00Z")).isPresent());
        FreezeWindow newYear = window("UTC", "12-30", "01-02");
        assertTrue(newYear.openAt(Instant.parse("2027-01-01T12:00:00Z")).isPresent(), "across New Year");
        assertTrue(newYear.openAt(Instant.parse("2026-12-31T12:00:00Z")).isPresent());
        assertFalse(newYear.openAt(Instant.parse("2027-01-03T00:00:00Z")).isPresent());
    }

    @Test
    void aOneOffWindowIsOpenOnceAndHasNoNextAfterwards() {
        FreezeWindow once = window("UTC", "2030-12-24", "2030-12-26");
        assertTrue(once.openAt(Instant.parse("2030-12-25T00:00:00Z")).isPresent());
        assertEquals(Instant.parse("2030-12-24T00:00:00Z"), once.next(Instant.parse("2026-01-01T00:00:00Z")).orElseThrow().start());
        assertTrue(once.next(Instant.parse("2031-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void unreadableEndsAreExplained() {
        assertEquals("\"Friday at four\" is not \"Fri 16:00\" (weekly), \"12-24\" (every year) or \"2026-12-24\" (once)",
                FreezeWindow.problem(new FreezeSpec("x", "UTC", "Friday at four", "Mon 08:00")).orElseThrow());
        assertEquals("\"12-26\" is not a weekday and a time, like \"Mon 08:00\", as `from` is",
                FreezeWindow.problem(new FreezeSpec("x", "UTC", "Fri 16:00", "12-26")).orElseThrow());
    }
}
