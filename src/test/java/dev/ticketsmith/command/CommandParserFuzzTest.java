package dev.ticketsmith.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Feeds {@link CommandParser} random text: it must always answer, and answer safely. */
class CommandParserFuzzTest {

  private static final List<String> PIECES = List.of(
      "promote", "rollback", "scale", "restore", "backup", "status", "history", "lock", "unlock",
      "help", "to", "in", "for", "from", "min", "max", "min=", "max:", "=", ":", "2h", "1h30m",
      "0", "7", "-1", "1001", "checkout", "prod", "1.4.2", "\"", "'", "“", "”", "‘", "’", "<", ">",
      "|", "<@U1|ann>", "<#C1>", "<!here>", "<!subteam^S1|@devs>", "<http://x.io/a:1|x.io/a:1>",
      "<mailto:a@b.c>", "&amp;", "&lt;", "&gt;", "&", " ", "  ", "\t", "\n", "\r", "\u00A0", "é",
      "🎉", "修", "\uD83D", "\uDE00", "\u0007", "\u202E", "\u2066", "`", "*", "_", "~", "x");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final CommandParser PARSER = new CommandParser();

  @Test
  void randomTextAlwaysGivesAResult() {
    Random random = new Random(20240501L);
    for (int run = 0; run < 20_000; run++) {
      String text = randomText(random);
      ParseResult result;
      try {
        result = PARSER.parse(text);
      } catch (RuntimeException e) {
        fail("threw on " + text.codePoints().boxed().toList(), e);
        return;
      }
      assertNotNull(result, text);
      check(text, result);
    }
  }

  private static void check(String text, ParseResult result) {
    if (result instanceof ParseResult.Invalid invalid) {
      assertFalse(invalid.problem().isBlank(), text);
      assertFalse(invalid.usage().isBlank(), text);
      assertFalse(invalid.problem().contains("<") || invalid.problem().contains(">"),
          () -> "unescaped problem " + invalid.problem());
      assertFalse(invalid.problem().startsWith("Sorry"), () -> "fallback used for " + text);
    } else if (result instanceof ParseResult.Parsed parsed
        && parsed.command() instanceof Command.Promote promote) {
      assertTrue(NAME.matcher(promote.service()).matches(), promote.service());
      promote.environment().ifPresent(e -> assertTrue(NAME.matcher(e).matches(), e));
    }
  }

  private static String randomText(Random random) {
    StringBuilder out = new StringBuilder();
    int pieces = random.nextInt(14);
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(8) == 0) {
        out.appendCodePoint(random.nextInt(0x11000));
      } else {
        out.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      if (random.nextBoolean()) {
        out.append(' ');
      }
    }
    return out.toString();
  }
}
