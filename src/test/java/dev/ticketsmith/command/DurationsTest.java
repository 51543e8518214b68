package dev.ticketsmith.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link Durations}. */
class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "30s, PT30S",
    "2m, PT2M",
    "1h, PT1H",
    "7d, P7D",
    "1h30m, PT1H30M",
    "90m, PT1H30M",
    "1d2h3m4s, P1DT2H3M4S",
    "2H, PT2H",
    "'  45m ', PT45M",
    "1h90m, PT2H30M",
  })
  void parsesCompactForms(String text, Duration expected) {
    assertEquals(expected, Durations.parse(text));
  }

  @ParameterizedTest(name = "refuses \"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {" ", "0s", "0h0m", "-5m", "-1h", "1.5h", "h", "30", "1x", "1m1h",
    "1h 30m", "1w", "1234567890s", "soon", "1h-30m", "+1h"})
  void refusesOtherText(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse(text));
    assertTrue(e.getMessage().contains("30s, 2m, 1h, 7d or 1h30m"), e.getMessage());
  }

  @Test
  void refusalsSayWhatWasWrong() {
    assertTrue(message("0m").startsWith("`0m` is zero"), message("0m"));
    assertTrue(message("-5m").startsWith("`-5m` is negative"), message("-5m"));
    assertTrue(message("1234567890s").contains("is too long"), message("1234567890s"));
    assertTrue(message("<b>").startsWith("`&lt;b&gt;` isn't a duration"), message("<b>"));
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource({
    "PT1H30M, 1h30m",
    "PT90M, 1h30m",
    "PT0S, 0s",
    "PT30S, 30s",
    "P7D, 7d",
    "P1DT2H, 1d2h",
    "PT1.5S, 1s",
    "PT-1H, -1h",
    "PT49H, 2d1h",
    "PT1M1S, 1m1s",
  })
  void formatsCompactly(Duration duration, String expected) {
    assertEquals(expected, Durations.format(duration));
  }

  @ParameterizedTest(name = "{0} round-trips")
  @ValueSource(strings = {"30s", "2m", "1h", "7d", "1h30m", "1d2h3m4s", "999999999d"})
  void formatInvertsParse(String text) {
    assertEquals(text, Durations.format(Durations.parse(text)));
  }

  private static String message(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Durations.parse(text)).getMessage();
  }
}
