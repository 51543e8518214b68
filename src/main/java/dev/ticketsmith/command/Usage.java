package dev.ticketsmith.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Help and usage texts, in Slack mrkdwn (so {@code <} and {@code >} in placeholders are escaped as
 * {@code &lt;} and {@code &gt;}).
 */
public final class Usage {

  private static final String SLASH = "/ticketsmith";
  private static final List<Entry> ENTRIES = List.of(
      new Entry("help", "help [<subcommand>]",
          "show this list, or how to use one command", "help promote"),
      new Entry("promote", "promote <service> [<version|image>] [to <env>] [--force] [reason…]",
          "deploy a version or image of a service; without one, what the pipeline's previous environment runs (by digest)",
          "promote checkout 1.4.2 to prod fixes totals"),
      new Entry("rollback", "rollback <service> [to <version>] [in <env>] [reason…]",
          "go back to the previous release, or to a given version",
          "rollback checkout to 1.4.1 in prod errors on pay"),
      new Entry("scale", "scale <service> min=<n> max=<m> [for <duration>] [in <env>] [reason…] | scale <service> reset [in <env>]",
          "override the autoscaler's replica range (0 to 1000) for a while (2h unless you say, such as 30s, 2m,"
              + " 1h or 1h30m), or end the override now", "scale checkout min=3 max=10 for 2h in prod sale"),
      new Entry("restore", "restore <database> [from <backup>] [in <env>] | restore <database> undo [<operation>]",
          "restore a database into a new instance or database from its newest backup (or a given one), validate it and"
              + " repoint its services; `undo` points them back",
          "restore orders from orders-2024-05-01 in staging"),
      new Entry("restore-test", "restore-test <database>",
          "run the database's restore test now: restore into a scratch copy, check it, report, remove the copy",
          "restore-test orders"),
      new Entry("backup", "backup <database> [in <env>]",
          "take a snapshot or dump of a database now", "backup orders in prod"),
      new Entry("dr", "dr [<database>]",
          "disaster-recovery status: backup age against the RPO, the last restore test, encryption", "dr orders"),
      new Entry("status", "status [<service>]",
          "show what is deployed where", "status checkout"),
      new Entry("history", "history [<service>] [<n>]",
          "list the last n releases (1 to 100, 10 by default)", "history checkout 20"),
      new Entry("lock", "lock <service|env> [for <duration>] <reason…>",
          "stop releases to a service or environment; a reason is required",
          "lock prod for 2h release freeze"),
      new Entry("unlock", "unlock <service|env>",
          "allow releases again", "unlock prod"));
  private static final List<String> VERBS = ENTRIES.stream().map(Entry::verb).toList();

  private Usage() {}

  /** The subcommand words in the order help lists them. */
  public static List<String> verbs() {
    return VERBS;
  }

  /**
   * One subcommand's usage: its form, what it does and an example, on one line. The verb is
   * matched ignoring case; an unknown or null verb gives the whole {@link #help()}.
   */
  public static String of(String verb) {
    return find(verb).map(e -> "*Usage:* " + e.line()).orElseGet(Usage::help);
  }

  /** The full help: a title line, then one line per subcommand with what it does and an example. */
  public static String help() {
    return "*TICKETSMITH commands* (`" + SLASH + " help &lt;command&gt;` shows one)\n"
        + ENTRIES.stream().map(e -> "• " + e.line()).collect(Collectors.joining("\n"));
  }

  /** The mrkdwn form of one subcommand, e.g. for "the form is …" messages. */
  static String syntax(String verb) {
    return find(verb).map(e -> "`" + Mrkdwn.escape(e.syntax()) + "`").orElse("`help`");
  }

  private static Optional<Entry> find(String verb) {
    if (verb == null) {
      return Optional.empty();
    }
    String lower = verb.strip().toLowerCase(Locale.ROOT);
    return ENTRIES.stream().filter(e -> e.verb().equals(lower)).findFirst();
  }

  private record Entry(String verb, String syntax, String summary, String example) {
    String line() {
      return "`" + SLASH + " " + Mrkdwn.escape(syntax) + "`: " + summary
          + ", e.g. `" + SLASH + " " + Mrkdwn.escape(example) + "`";
    }
  }
}
