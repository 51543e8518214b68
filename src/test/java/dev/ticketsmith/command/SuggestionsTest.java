package dev.ticketsmith.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Suggestions}. */
class SuggestionsTest {

  private static final List<String> VERBS = Usage.verbs();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
    "promte; promote",
    "PROMOTE; promote",
    "rolback; rollback",
    "rollbak; rollback",
    "stauts; status",
    "lcok; lock",
    "unlcok; unlock",
    "hlep; help",
    "histroy; history",
    "backups; backup",
    "restor; restore,restore-test",
    "scal; scale",
    "st; dr,status,history",
    "ock; lock,unlock",
    "deploy; ''",
    "xyzzy; ''",
  })
  void suggestsCloseVerbs(String input, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertEquals(want, Suggestions.closest(input, VERBS, 3));
  }

  @Test
  void tiesAreOrderedByName() {
    List<String> known = List.of("ad", "ac", "aa");
    assertEquals(List.of("aa", "ac", "ad"), Suggestions.closest("ab", known, 5));
  }

  @Test
  void keepsTheCandidatesSpelling() {
    assertEquals(List.of("Promote"), Suggestions.closest("promte", List.of("Promote"), 3));
  }

  @Test
  void respectsMax() {
    assertEquals(List.of("dr"), Suggestions.closest("st", VERBS, 1));
    assertEquals(List.of(), Suggestions.closest("st", VERBS, 0));
  }

  @Test
  void longerInputsAllowMoreEdits() {
    List<String> known = List.of("payments-gateway");
    assertEquals(known, Suggestions.closest("paymnts-gatewy", known, 3));
    assertEquals(List.of(), Suggestions.closest("pay-gw-x", known, 3));
  }

  @Test
  void blankOrMissingInputsGiveNothing() {
    assertEquals(List.of(), Suggestions.closest("", VERBS, 3));
    assertEquals(List.of(), Suggestions.closest("  ", VERBS, 3));
    assertEquals(List.of(), Suggestions.closest(null, VERBS, 3));
    assertEquals(List.of(), Suggestions.closest("lock", null, 3));
  }

  @Test
  void distanceCountsSwapsAsOneEdit() {
    assertEquals(1, Suggestions.distance("lcok", "lock"));
    assertEquals(1, Suggestions.distance("promte", "promote"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(1, Suggestions.distance("🎉a", "🎉"));
  }
}
