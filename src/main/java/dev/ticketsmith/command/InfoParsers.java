package dev.ticketsmith.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses the read-only subcommands: {@code help}, {@code status} and {@code history}. */
final class InfoParsers {

  private static final int MAX_SUGGESTIONS = 3;

  private InfoParsers() {}

  /** {@code help [<subcommand>]}. */
  static Command help(Tokens t) {
    if (!t.hasNext()) {
      return new Command.Help(Optional.empty());
    }
    Token topic = t.next();
    String verb = topic.text().toLowerCase(Locale.ROOT);
    if (!Usage.verbs().contains(verb)) {
      throw new ParseProblem(unknownVerb(topic.text()));
    }
    t.end();
    return new Command.Help(Optional.of(verb));
  }

  /** {@code status [<service>]}. */
  static Command status(Tokens t) {
    Optional<String> service = t.hasNext()
        ? Optional.of(Values.name(t.next(), Role.SERVICE))
        : Optional.empty();
    t.end();
    return new Command.Status(service);
  }

  /** {@code history [<service>] [<n>]}: a word that looks like a number is the count. */
  static Command history(Tokens t) {
    Optional<String> service = Optional.empty();
    if (t.hasNext() && !Values.isInteger(t.peek().text())) {
      service = Optional.of(Values.name(t.next(), Role.SERVICE));
    }
    int limit = Command.History.DEFAULT_LIMIT;
    if (t.hasNext() && Values.isInteger(t.peek().text())) {
      limit = Values.integer(t.next().text(), "The number of releases", 1, 100);
    }
    t.end();
    return new Command.History(service, limit);
  }

  /** The problem sentence for an unknown subcommand, with did-you-mean suggestions. */
  static String unknownVerb(String word) {
    List<String> close = Suggestions.closest(SlackText.display(word), Usage.verbs(),
        MAX_SUGGESTIONS);
    String known = "I don't know " + Mrkdwn.code(word) + ".";
    if (close.isEmpty()) {
      return known + " Type `/ticketsmith help` to see the commands.";
    }
    StringBuilder out = new StringBuilder(known).append(" Did you mean ");
    for (int i = 0; i < close.size(); i++) {
      if (i > 0) {
        out.append(i == close.size() - 1 ? " or " : ", ");
      }
      out.append('`').append(close.get(i)).append('`');
    }
    return out.append('?').toString();
  }
}
