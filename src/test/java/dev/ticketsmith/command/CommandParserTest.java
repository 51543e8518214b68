package dev.ticketsmith.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.command.Command.Backup;
import dev.ticketsmith.command.Command.Help;
import dev.ticketsmith.command.Command.History;
import dev.ticketsmith.command.Command.Lock;
import dev.ticketsmith.command.Command.Promote;
import dev.ticketsmith.command.Command.Restore;
import dev.ticketsmith.command.Command.Rollback;
import dev.ticketsmith.command.Command.Scale;
import dev.ticketsmith.command.Command.Status;
import dev.ticketsmith.command.Command.Unlock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests for {@link CommandParser}: each row is a text and what it must give. */
class CommandParserTest {

  private static final CommandParser PARSER = new CommandParser();
  private static final Optional<String> NONE = Optional.empty();
  private static final Optional<String> PROD = Optional.of("prod");
  private static final String DIGEST = "checkout@sha256:" + "0123456789abcdef".repeat(4);

  /** An expected refusal: the verb it names, if any, and a piece of its problem sentence. */
  record Refused(Optional<String> verb, String problemPart) {}

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource({"help", "promote", "slackEscapesAndQuotes", "rollback", "scale", "databases",
      "statusAndHistory", "locks", "limits"})
  void parses(String label, String text, Object expected) {
    ParseResult result = PARSER.parse(text);
    if (expected instanceof Command command) {
      assertEquals(new ParseResult.Parsed(command), result);
      return;
    }
    Refused refused = (Refused) expected;
    ParseResult.Invalid invalid = assertInstanceOf(ParseResult.Invalid.class, result);
    assertTrue(invalid.problem().contains(refused.problemPart()),
        () -> "problem was: " + invalid.problem());
    assertEquals(refused.verb(), invalid.verb());
    String usage = refused.verb().filter(v -> !v.equals("help")).map(Usage::of)
        .orElse(Usage.help());
    assertEquals(usage, invalid.usage());
  }

  static Stream<Arguments> help() {
    return Stream.of(
        row("", new Help(NONE)),
        row("  \t \n ", new Help(NONE)),
        row("help", new Help(NONE)),
        row("HELP", new Help(NONE)),
        row("help promote", new Help(Optional.of("promote"))),
        row("help Rollback", new Help(Optional.of("rollback"))),
        row("help help", new Help(Optional.of("help"))),
        row("help promte", bad("help", "I don't know `promte`. Did you mean `promote`?")),
        row("help xyzzy", bad("help", "I don't know `xyzzy`. Type `/ticketsmith help`")),
        row("help promote now", bad("help", "unexpected `now`")),
        row("promte checkout 1.4.2", bad(null, "I don't know `promte`. Did you mean `promote`?")),
        row("rollbak checkout", bad(null, "Did you mean `rollback`?")),
        row("deploy checkout 1.4.2", bad(null, "I don't know `deploy`.")),
        row("<@U123|ann> hello", bad(null, "I don't know `@ann`.")),
        row("<script> x", bad(null, "I don't know `script`.")),
        row("PROMOTE checkout 1.4.2", new Promote("checkout", "1.4.2", NONE, "")));
  }

  static Stream<Arguments> promote() {
    String longest = "a" + "b".repeat(61) + "c";
    return Stream.of(
        row("promote checkout 1.4.2", new Promote("checkout", "1.4.2", NONE, "")),
        row("promote checkout 1.4.2 to prod --force hotfix for INC-42",
            new Promote("checkout", "1.4.2", PROD, "hotfix for INC-42", true)),
        row("promote checkout 1.4.2 --force to prod", new Promote("checkout", "1.4.2", PROD, "", true)),
        row("promote checkout 1.4.2 to prod \u2014force", new Promote("checkout", "1.4.2", PROD, "", true)),
        row("promote checkout v1.4.2 to prod", new Promote("checkout", "v1.4.2", PROD, "")),
        row("promote checkout 1.4.2 to prod fixes the cart totals",
            new Promote("checkout", "1.4.2", PROD, "fixes the cart totals")),
        row("promote Checkout 1.4.2-RC1 to PROD",
            new Promote("checkout", "1.4.2-RC1", PROD, "")),
        row("promote checkout registry.example.com:5000/team/checkout:1.4.2 to staging",
            new Promote("checkout", "registry.example.com:5000/team/checkout:1.4.2",
                Optional.of("staging"), "")),
        row("promote checkout " + DIGEST, new Promote("checkout", DIGEST, NONE, "")),
        row("promote checkout 1.4.2 in prod", new Promote("checkout", "1.4.2", NONE, "in prod")),
        row("promote checkout 1.4.2 urgent to prod",
            new Promote("checkout", "1.4.2", NONE, "urgent to prod")),
        row("promote " + longest + " 1", new Promote(longest, "1", NONE, "")),
        row("promote " + longest + "d 1", bad("promote", "isn't a valid service name")),
        row("promote checkout " + "a".repeat(255), new Promote("checkout", "a".repeat(255),
            NONE, "")),
        row("promote checkout " + "a".repeat(256), bad("promote",
            "isn't a valid version or image: use 1 to 255")),
        row("promote", bad("promote", "Say which service to promote")),
        row("promote checkout", new Promote("checkout", Optional.empty(), NONE, "", false)),
        row("promote checkout to prod", new Promote("checkout", Optional.empty(), PROD, "", false)),
        row("promote checkout --force to prod since INC-7", new Promote("checkout", Optional.empty(), PROD, "since INC-7", true)),
        row("promote checkout --force hotfix", new Promote("checkout", Optional.empty(), NONE, "hotfix", true)),
        row("promote checkout 1.4.2 to", bad("promote", "Say an environment after `to`")),
        row("promote chéckout 1.4.2",
            bad("promote", "names are lower-case letters, digits and dashes")),
        row("promote checkout 1.4.2 to prød", bad("promote", "`prød` isn't a valid environment")),
        row("promote -checkout 1.4.2", bad("promote", "isn't a valid service name")),
        row("promote check_out 1.4.2", bad("promote", "isn't a valid service name")),
        row("promote \u212Aafka 1.4.2", bad("promote", "isn't a valid service name")),
        row("promote checkout 1.4.2!", bad("promote", "`1.4.2!` isn't a valid version or image")),
        row("promote checkout \"1.4 2\"", bad("promote", "`1.4 2` isn't a valid version")));
  }

  static Stream<Arguments> slackEscapesAndQuotes() {
    String image = "ghcr.io/acme/checkout:1.4.2";
    return Stream.of(
        row("promote checkout <http://" + image + "|" + image + "> to prod",
            new Promote("checkout", image, PROD, "")),
        row("promote checkout <http://" + image + ">", new Promote("checkout", image, NONE, "")),
        row("promote checkout 1.4.2 to prod cc <@U123|ann> <#C123|ops> <!subteam^S123|@devs>",
            new Promote("checkout", "1.4.2", PROD, "cc <@U123> <#C123> <!subteam^S123>")),
        row("promote checkout 1.4.2 asked by <@U456>",
            new Promote("checkout", "1.4.2", NONE, "asked by <@U456>")),
        row("promote checkout 1.4.2 <!here> heads up",
            new Promote("checkout", "1.4.2", NONE, "@here heads up")),
        row("promote checkout 1.4.2 see <https://example.com/runbook|the  runbook>",
            new Promote("checkout", "1.4.2", NONE, "see the runbook")),
        row("promote checkout 1.4.2 see <https://example.com/a?b=1&amp;c=2>",
            new Promote("checkout", "1.4.2", NONE, "see https://example.com/a?b=1&c=2")),
        row("promote checkout 1.4.2 a &amp; b &lt;3 &gt; c &amp;lt;",
            new Promote("checkout", "1.4.2", NONE, "a & b <3 > c &lt;")),
        row("promote <@U123|ann> 1.4.2", bad("promote", "`@ann` is a person, not a service")),
        row("promote <#C123|ops> 1.4.2", bad("promote", "`#ops` is a channel, not a service")),
        row("promote checkout 1.4.2 to <#C123|prod>",
            bad("promote", "`#prod` is a channel, not an environment")),
        row("promote <!subteam^S123|@devs> 1.4.2",
            bad("promote", "`@devs` is a user group, not a service")),
        row("promote <!here> 1.4.2", bad("promote", "`@here` is a mention, not a service")),
        row("  promote   checkout\t1.4.2\u00A0to\u00A0prod  fixes\t\tthe \u00A0 bug ",
            new Promote("checkout", "1.4.2", PROD, "fixes the bug")),
        row("promote “checkout” ‘1.4.2’ to \"prod\"", new Promote("checkout", "1.4.2", PROD, "")),
        row("promote checkout 1.4.2 to prod \"hotfix  for <@U123|ann>\"",
            new Promote("checkout", "1.4.2", PROD, "hotfix for <@U123>")),
        row("promote checkout 1.4.2 to prod “ship it”",
            new Promote("checkout", "1.4.2", PROD, "ship it")),
        row("promote checkout 1.4.2 to prod ‘ship it’",
            new Promote("checkout", "1.4.2", PROD, "ship it")),
        row("promote checkout 1.4.2 to prod 'it's fine'",
            new Promote("checkout", "1.4.2", PROD, "it's fine")),
        row("promote checkout 1.4.2 to prod don't panic, it’s fine",
            new Promote("checkout", "1.4.2", PROD, "don't panic, it’s fine")),
        row("promote checkout 1.4.2 to prod \"first\" then \"second\"",
            new Promote("checkout", "1.4.2", PROD, "\"first\" then \"second\"")),
        row("promote checkout 1.4.2 \"to\" prod",
            new Promote("checkout", "1.4.2", NONE, "\"to\" prod")),
        row("promote checkout 1.4.2 to prod \"\"", new Promote("checkout", "1.4.2", PROD, "")),
        row("promote checkout 1.4.2 to prod \"ship it", bad("promote", "is never closed")),
        row("promote checkout 1.4.2 to prod “ship it", bad("promote", "at position 32")),
        row("promote checkout 1.4.2 🎉 réparé le café, 修复结账错误",
            new Promote("checkout", "1.4.2", NONE, "🎉 réparé le café, 修复结账错误")));
  }

  static Stream<Arguments> rollback() {
    Optional<String> v141 = Optional.of("1.4.1");
    return Stream.of(
        row("rollback checkout", new Rollback("checkout", NONE, NONE, "")),
        row("rollback checkout to 1.4.1", new Rollback("checkout", v141, NONE, "")),
        row("rollback checkout in prod", new Rollback("checkout", NONE, PROD, "")),
        row("rollback checkout to 1.4.1 in prod errors on pay",
            new Rollback("checkout", v141, PROD, "errors on pay")),
        row("rollback checkout IN Prod TO 1.4.1 errors",
            new Rollback("checkout", v141, PROD, "errors")),
        row("rollback checkout to 1.4.1 to fix the outage",
            new Rollback("checkout", v141, NONE, "to fix the outage")),
        row("rollback checkout to <http://ghcr.io/acme/checkout:1.4.1|ghcr.io/acme/checkout:1.4.1>",
            new Rollback("checkout", Optional.of("ghcr.io/acme/checkout:1.4.1"), NONE, "")),
        row("rollback checkout 'cause it broke", bad("rollback", "The quote `'` at position 19")),
        row("rollback", bad("rollback", "Say which service to roll back")),
        row("rollback checkout to", bad("rollback", "Say a version after `to`")),
        row("rollback checkout in", bad("rollback", "Say an environment after `in`")),
        row("rollback checkout to 1.4.1% in prod", bad("rollback", "isn't a valid version")));
  }

  static Stream<Arguments> scale() {
    String big = "scale checkout min=3 max=10 ";
    return Stream.of(
        row("scale checkout min=2 max=5", scale(2, 5, null, NONE, "")),
        row("scale checkout reset in prod", Command.Scale.reset("checkout", PROD)),
        row("scale checkout reset", Command.Scale.reset("checkout", NONE)),
        row("scale checkout max=5 min=2", scale(2, 5, null, NONE, "")),
        row("scale checkout min = 2 max = 5", scale(2, 5, null, NONE, "")),
        row("scale checkout min:2 max:5", scale(2, 5, null, NONE, "")),
        row("scale checkout min= 2 max =5", scale(2, 5, null, NONE, "")),
        row("scale checkout MIN=0 MAX=1000", scale(0, 1000, null, NONE, "")),
        row("scale checkout min=4 max=4", scale(4, 4, null, NONE, "")),
        row(big + "for 2h in prod black friday",
            scale(3, 10, Duration.ofHours(2), PROD, "black friday")),
        row(big + "in prod for 1h30m", scale(3, 10, Duration.ofMinutes(90), PROD, "")),
        row(big + "in prod in a hurry", scale(3, 10, null, PROD, "in a hurry")),
        row("scale checkout min=5 max=3", bad("scale", "min (5) is larger than max (3)")),
        row("scale checkout min=2", bad("scale", "Say both min and max")),
        row("scale checkout max=5 prod", bad("scale", "Say both min and max")),
        row("scale checkout", bad("scale", "Say both min and max")),
        row("scale checkout min=-1 max=5", bad("scale", "min must be a whole number from 0 to")),
        row("scale checkout min=2 max=1001", bad("scale", "max must be a whole number from 0 to")),
        row("scale checkout min=2 max=99999999999", bad("scale", "not `99999999999`")),
        row("scale checkout min=two max=5", bad("scale", "min must be a whole number")),
        row("scale checkout min=2 max=", bad("scale", "Say a number after max")),
        row(big + "for 3x", bad("scale", "`3x` isn't a duration; use forms like 30s, 2m, 1h")),
        row(big + "for 0m", bad("scale", "`0m` is zero")),
        row(big + "for", bad("scale", "Say a duration after `for`")),
        row("scale min=2 max=5", bad("scale", "Say which service to scale before min and max")),
        row("scale checkout min=2 min=3 max=5", bad("scale", "You gave min twice")),
        row("scale checkout min 2 max=5", bad("scale", "Write min with an equals sign")));
  }

  static Stream<Arguments> databases() {
    Optional<String> snap = Optional.of("orders-2024-05-01");
    Optional<String> staging = Optional.of("staging");
    return Stream.of(
        row("restore orders", new Restore("orders", NONE, NONE)),
        row("restore orders from orders-2024-05-01", new Restore("orders", snap, NONE)),
        row("restore orders in staging from orders-2024-05-01",
            new Restore("orders", snap, staging)),
        row("restore ORDERS from orders-2024-05-01 in staging",
            new Restore("orders", snap, staging)),
        row("restore orders from rds:Orders/2024.05.01",
            new Restore("orders", Optional.of("rds:Orders/2024.05.01"), NONE)),
        row("restore orders from snap-1 in staging now", bad("restore", "unexpected `now`")),
        row("restore orders please", bad("restore", "unexpected `please`")),
        row("restore orders in prod in staging", bad("restore", "unexpected `in`")),
        row("restore orders from", bad("restore", "Say a snapshot after `from`")),
        row("restore orders from snap*1", bad("restore", "`snap*1` isn't a valid snapshot")),
        row("restore", bad("restore", "Say which database to restore")),
        row("backup orders", new Backup("orders", NONE)),
        row("backup orders in prod", new Backup("orders", PROD)),
        row("backup orders in prod foo", bad("backup", "unexpected `foo`")),
        row("backup orders_db", bad("backup", "isn't a valid database name")),
        row("backup", bad("backup", "Say which database to back up")));
  }

  static Stream<Arguments> statusAndHistory() {
    Optional<String> checkout = Optional.of("checkout");
    return Stream.of(
        row("status", new Status(NONE)),
        row("STATUS Checkout", new Status(checkout)),
        row("status checkout foo", bad("status", "unexpected `foo`")),
        row("status chéckout", bad("status", "names are lower-case letters")),
        row("history", new History(NONE, 10)),
        row("history checkout", new History(checkout, 10)),
        row("history checkout 20", new History(checkout, 20)),
        row("history 5", new History(NONE, 5)),
        row("history 1", new History(NONE, 1)),
        row("history 100", new History(NONE, 100)),
        row("history 0", bad("history", "from 1 to 100, not `0`")),
        row("history 500", bad("history", "from 1 to 100, not `500`")),
        row("history checkout 101", bad("history", "from 1 to 100")),
        row("history -3", bad("history", "from 1 to 100")),
        row("history checkout abc", bad("history", "unexpected `abc`")),
        row("history 5 checkout", bad("history", "unexpected `checkout`")));
  }

  static Stream<Arguments> locks() {
    return Stream.of(
        row("lock prod release freeze", new Lock("prod", Optional.empty(), "release freeze")),
        row("lock checkout for 2h release freeze",
            new Lock("checkout", Optional.of(Duration.ofHours(2)), "release freeze")),
        row("lock prod for 1h30m \"quarter-end close\"",
            new Lock("prod", Optional.of(Duration.ofMinutes(90)), "quarter-end close")),
        row("lock prod line one\nline two", new Lock("prod", Optional.empty(),
            "line one line two")),
        row("lock prod", bad("lock", "Say why:")),
        row("lock prod for 2h", bad("lock", "Say why:")),
        row("lock prod for 2h \"  \"", bad("lock", "Say why:")),
        row("lock prod for soon freeze", bad("lock", "`soon` isn't a duration")),
        row("lock prod for -5m freeze", bad("lock", "`-5m` is negative")),
        row("lock", bad("lock", "Say what to lock")),
        row("lock <@U1|bob> x", bad("lock", "is a person, not a service or environment")),
        row("unlock prod", new Unlock("prod")),
        row("unlock Checkout", new Unlock("checkout")),
        row("unlock prod now", bad("unlock", "unexpected `now`")),
        row("unlock", bad("unlock", "Say what to unlock")));
  }

  static Stream<Arguments> limits() {
    String prefix = "lock prod ";
    String reason1000 = "🎉".repeat(500) + "x".repeat(1000 - prefix.length() - 500);
    String ascii1000 = prefix + "y".repeat(1000 - prefix.length());
    return Stream.of(
        row(prefix + reason1000, new Lock("prod", Optional.empty(), reason1000)),
        row(ascii1000, new Lock("prod", Optional.empty(), ascii1000.substring(prefix.length()))),
        row(ascii1000 + "y",
            bad(null, "That command is 1,001 characters long; the limit is 1,000")),
        row(prefix + reason1000 + "🎉", bad(null, "is 1,001 characters long")),
        row("promote checkout 1.4.2\u0007", bad(null, "(U+0007) at position 23")),
        row("\u0000status", bad(null, "(U+0000) at position 1")),
        row("status\u001b[31m", bad(null, "(U+001B) at position 7")),
        row("lock prod 🎉\u0085", bad(null, "(U+0085) at position 12")),
        row("lock prod \u202Eezeerf", bad(null, "(U+202E) at position 11")),
        row("lock prod \u2066x\u2069", bad(null, "(U+2066)")),
        row("status\r\ncheckout", new Status(Optional.of("checkout"))),
        row(null, new Help(NONE)));
  }

  private static Scale scale(int min, int max, Duration d, Optional<String> env, String reason) {
    return new Scale("checkout", min, max, Optional.ofNullable(d), env, reason);
  }

  private static Refused bad(String verb, String problemPart) {
    return new Refused(Optional.ofNullable(verb), problemPart);
  }

  private static Arguments row(String text, Object expected) {
    return Arguments.of(label(text), text, expected);
  }

  private static String label(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(70).forEach(c -> {
      if (Character.isISOControl(c) || (c >= 0x2000 && c <= 0x206F) || c == 0xA0) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.codePointCount(0, text.length()) > 70 ? out + "… (" + text.length() + ")" : out
        .toString();
  }
}
