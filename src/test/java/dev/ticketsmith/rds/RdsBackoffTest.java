package dev.ticketsmith.rds;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RdsBackoffTest {

    @Test
    void doublesFromFiveSecondsWithoutJitter() {
        assertEquals(Duration.ofSeconds(5), Backoff.after(0, 0));
        assertEquals(Duration.ofSeconds(5), Backoff.after(1, 0));
        assertEquals(Duration.ofSeconds(10), Backoff.after(2, 0));
        assertEquals(Duration.ofSeconds(20), Backoff.after(3, 0));
        assertEquals(Duration.ofSeconds(40), Backoff.after(4, 0));
        assertEquals(Duration.ofSeconds(80), Backoff.after(5, 0));
    }

    @Test
    void isCappedAtTwoMinutesHoweverLongTheThrottling() {
        assertEquals(Duration.ofMinutes(2), Backoff.after(6, 0));
        assertEquals(Duration.ofMinutes(2), Backoff.after(1_000, 0));
        assertEquals(Duration.ofMinutes(2), Backoff.after(Integer.MAX_VALUE, 0));
    }

    @Test
    void jitterTakesOffAtMostAQuarterAndDelaysStillGrow() {
        assertEquals(Duration.ofMillis(3750), Backoff.after(1, 0.9999999));
        assertEquals(Duration.ofSeconds(90), Backoff.after(50, 0.9999999));
        for (int n = 1; n < 6; n++) {
            assertTrue(Backoff.after(n + 1, 0.9999999).compareTo(Backoff.after(n, 0)) > 0, "after " + n);
        }
    }

    @Test
    void randomJitterStaysWithinBounds() {
        for (int i = 0; i < 1_000; i++) {
            Duration d = Backoff.after(7);
            assertTrue(d.compareTo(Duration.ofSeconds(90)) >= 0 && d.compareTo(Backoff.CAP) <= 0, d.toString());
        }
    }

    @Test
    void refusesARandomOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.after(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Backoff.after(1, -0.1));
    }
}
