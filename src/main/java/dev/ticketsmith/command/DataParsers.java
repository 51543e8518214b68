package dev.ticketsmith.command;

import java.util.Map;
import java.util.Optional;

/** Parses the database subcommands: {@code restore}, {@code restore-test}, {@code backup} and {@code dr}. */
final class DataParsers {

  private DataParsers() {}

  /** {@code restore <database> [from <snapshot>] [in <env>]} or {@code restore <database> undo [<operation>] [in <env>]}. */
  static Command restore(Tokens t) {
    String database = Values.name(
        t.require("Say which database to restore, like `restore orders in staging`."),
        Role.DATABASE);
    if (t.nextIs("undo")) {
      t.next();
      Optional<String> operation = Optional.empty();
      if (t.hasNext() && !t.nextIs("in")) {
        String id = t.next().text().toLowerCase(java.util.Locale.ROOT);
        if (!id.matches("[0-9a-f]{4,8}(-[0-9a-f-]{1,28})?")) {
          throw new ParseProblem("`" + id + "` is not an operation id: give the id (or its first 8 characters) from the restore's"
              + " message, like `restore orders undo 1a2b3c4d`, or leave it out to undo the latest cut-over.");
        }
        operation = Optional.of(id);
      }
      Optional<String> environment = Optional.ofNullable(t.options(Map.of("in", Role.ENVIRONMENT)).get("in"))
          .map(v -> Values.name(v, Role.ENVIRONMENT));
      t.end();
      return new Command.RestoreUndo(database, operation, environment);
    }
    Map<String, Token> options = t.options(Map.of("from", Role.SNAPSHOT, "in", Role.ENVIRONMENT));
    Optional<String> snapshot = Optional.ofNullable(options.get("from"))
        .map(v -> Values.artifact(v, Role.SNAPSHOT));
    Optional<String> environment = Optional.ofNullable(options.get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    t.end();
    return new Command.Restore(database, snapshot, environment);
  }

  /** {@code restore-test <database> [in <env>]}. */
  static Command restoreTest(Tokens t) {
    String database = Values.name(
        t.require("Say which database to restore-test, like `restore-test orders`."),
        Role.DATABASE);
    Optional<String> environment = Optional
        .ofNullable(t.options(Map.of("in", Role.ENVIRONMENT)).get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    t.end();
    return new Command.RestoreTest(database, environment);
  }

  /** {@code dr [<database>]}. */
  static Command dr(Tokens t) {
    Optional<String> database = t.hasNext() ? Optional.of(Values.name(t.next(), Role.DATABASE)) : Optional.empty();
    t.end();
    return new Command.Dr(database);
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
