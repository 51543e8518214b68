package dev.ticketsmith.command;

import java.util.Map;
import java.util.Optional;

/** Parses the release subcommands: {@code promote} and {@code rollback}. */
final class ReleaseParsers {

  private ReleaseParsers() {}

  /**
   * {@code promote <service> [<version|image>] [to <env>] [--force] [reason…]}; without a version,
   * what runs in the pipeline's previous environment.
   */
  static Command promote(Tokens t) {
    String service = Values.name(
        t.require("Say which service to promote, like `promote checkout 1.4.2 to prod`, or `promote checkout` for what runs in"
            + " the environment before production."),
        Role.SERVICE);
    boolean force = force(t);
    Optional<String> artifact = Optional.empty();
    // the version comes right after the service; after `--force` or `to` there is none
    if (!force && t.hasNext() && !t.nextIs("to")) {
      artifact = Optional.of(Values.artifact(t.next(), Role.ARTIFACT));
    }
    force |= force(t);
    Optional<String> environment = Optional
        .ofNullable(t.options(Map.of("to", Role.ENVIRONMENT)).get("to"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    force |= force(t);
    return new Command.Promote(service, artifact, environment, t.reason(), force);
  }

  /**
   * Consumes {@code --force} when it comes next (Slack may have turned its dashes into a dash
   * character): an approver's override of a lock or a freeze.
   */
  private static boolean force(Tokens t) {
    if (t.hasNext() && !t.peek().quoted() && t.peek().text().toLowerCase(java.util.Locale.ROOT).matches("(--|\u2014|\u2013)force")) {
      t.next();
      return true;
    }
    return false;
  }

  /** {@code rollback <service> [to <version>] [in <env>] [reason…]}. */
  static Command rollback(Tokens t) {
    String service = Values.name(
        t.require("Say which service to roll back, like `rollback checkout in prod`."),
        Role.SERVICE);
    Map<String, Token> options = t.options(Map.of("to", Role.VERSION, "in", Role.ENVIRONMENT));
    Optional<String> version = Optional.ofNullable(options.get("to"))
        .map(v -> Values.artifact(v, Role.VERSION));
    Optional<String> environment = Optional.ofNullable(options.get("in"))
        .map(v -> Values.name(v, Role.ENVIRONMENT));
    return new Command.Rollback(service, version, environment, t.reason());
  }
}
