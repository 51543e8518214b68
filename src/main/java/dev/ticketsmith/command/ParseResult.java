package dev.ticketsmith.command;

import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link CommandParser#parse(String)}: a command, or a friendly refusal. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Invalid {

  /** The text was a valid command. */
  record Parsed(Command command) implements ParseResult {
    public Parsed { Objects.requireNonNull(command, "command"); }
  }

  /**
   * The text was not a valid command.
   *
   * @param problem one sentence in Slack mrkdwn saying what was wrong and what to type instead;
   *     any user text it quotes is shortened and escapes {@code & < >}, so it can be posted as is
   * @param verb the subcommand, when it was recognised
   * @param usage the mrkdwn usage of that subcommand, or the whole help when the verb is unknown
   */
  record Invalid(String problem, Optional<String> verb, String usage) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(verb, "verb");
      Objects.requireNonNull(usage, "usage");
    }
  }
}
