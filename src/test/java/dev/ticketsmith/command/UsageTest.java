package dev.ticketsmith.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link Usage}. */
class UsageTest {

  private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. `/ticketsmith ([^`]+)`$");

  @Test
  void listsTheVerbsInGrammarOrder() {
    assertEquals(List.of("help", "promote", "rollback", "scale", "restore", "restore-test", "backup", "dr",
        "status", "history", "lock", "unlock"), Usage.verbs());
  }

  @Test
  void helpHasATitleThenOneLinePerVerb() {
    List<String> lines = Usage.help().lines().toList();
    assertEquals(Usage.verbs().size() + 1, lines.size());
    for (int i = 0; i < Usage.verbs().size(); i++) {
      String line = lines.get(i + 1);
      assertTrue(line.startsWith("• `/ticketsmith " + Usage.verbs().get(i)), line);
      assertTrue(EXAMPLE.matcher(line).find(), line);
    }
  }

  @Test
  void textsAreEscapedForMrkdwn() {
    assertFalse(Usage.help().contains("<") || Usage.help().contains(">"));
    assertTrue(Usage.of("promote").contains("promote &lt;service&gt; [&lt;version|image&gt;]"));
  }

  @Test
  void ofMatchesVerbsIgnoringCaseAndFallsBackToHelp() {
    assertEquals(Usage.of("scale"), Usage.of("SCALE"));
    assertEquals(Usage.help(), Usage.of("nope"));
    assertEquals(Usage.help(), Usage.of(null));
    assertEquals(1, Usage.of("lock").lines().count());
  }

  @ParameterizedTest(name = "the {0} example parses")
  @MethodSource("dev.ticketsmith.command.Usage#verbs")
  void everyExampleParses(String verb) {
    Matcher m = EXAMPLE.matcher(Usage.of(verb));
    assertTrue(m.find(), Usage.of(verb));
    String example = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class,
        new CommandParser().parse(example));
    assertEquals(verb, parsed.command().verb());
  }
}
