package dev.ticketsmith.command;

import java.util.Map;
import java.util.Optional;

/** Parses the database subcommands: {@code restore} and {@code backup}. */
final class DataParsers {

  private DataParsers() {}

  /** {@code restore <database> [from <snapshot>] [in <env>]}. */
  static Command restore(Tokens t) {
    String database = Values.name(
        t.require("Say which database to restore, like `restore orders in staging`."),
        Role.DATABASE);
    Map<String, Token> options = t.options(Map.of("from", Role.SNAPSHOT, "in", Role.ENVIRONMENT));
    Optional<String> snapshot = Optional.ofNullable(options.get("from"))
        .map(v -> Values.artifact(v, Role.SNAPSHOT));
    Optional<String> environment = Optional.ofNullable(options.get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    t.end();
    return new Command.Restore(database, snapshot, environment);
  }

  /** {@code backup <database> [in <env>]}. */
  static Command backup(Tokens t) {
    String database = Values.name(
        t.require("Say which database to back up, like `backup orders in prod`."),
        Role.DATABASE);
    Optional<String> environment = Optional
        .ofNullable(t.options(Map.of("in", Role.ENVIRONMENT)).get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    t.end();
    return new Command.Backup(database, environment);
  }
}
