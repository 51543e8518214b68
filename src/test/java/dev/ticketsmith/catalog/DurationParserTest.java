package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalogue's duration notation. */
class DurationParserTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "2m, PT2M", "1h, PT1H", "7d, PT168H", "1h30m, PT1H30M", "1d2h3m4s, PT26H3M4S", "0s, PT0S", "90m, PT1H30M"})
    void readsDurations(String text, String iso) {
        assertEquals(Optional.of(Duration.parse(iso)), DurationParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "1.5h", "-2m", "2 m", "2M", "30m1h", "1h1h", "1h 30m", "1w", "PT5M"})
    void refusesEverythingElse(String text) {
        assertTrue(DurationParser.parse(text).isEmpty(), text);
    }

    @Test
    void durationsAreWrittenInTheNotationTheCatalogueReads() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationParser.parse(dev.ticketsmith.command.Durations.format(Duration.ofMinutes(90))));
        assertEquals("1h30m", dev.ticketsmith.command.Durations.format(Duration.ofMinutes(90)));
        assertEquals("7d", dev.ticketsmith.command.Durations.format(Duration.ofDays(7)));
        assertEquals("1d2h3m4s", dev.ticketsmith.command.Durations.format(Duration.parse("PT26H3M4S")));
        assertEquals("0s", dev.ticketsmith.command.Durations.format(Duration.ZERO));
    }
}
