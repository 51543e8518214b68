package dev.ticketsmith.command;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Parses {@code lock} and {@code unlock}. */
final class LockParsers {

  private static final String EXAMPLE = "like `lock prod for 2h release freeze`";

  private LockParsers() {}

  /** {@code lock <service|env> [for <duration>] <reason…>}; the reason is required. */
  static Command lock(Tokens t) {
    String target = Values.name(t.require("Say what to lock, " + EXAMPLE + "."), Role.TARGET);
    Optional<Duration> duration = Optional
        .ofNullable(t.options(Map.of("for", Role.DURATION)).get("for"))
        .map(Values::duration);
    String reason = t.reason();
    if (reason.isBlank()) {
      throw new ParseProblem("Say why: add a reason after the target, " + EXAMPLE + ".");
    }
    return new Command.Lock(target, duration, reason);
  }

  /** {@code unlock <service|env>}. */
  static Command unlock(Tokens t) {
    String target = Values.name(t.require("Say what to unlock, like `unlock prod`."), Role.TARGET);
    t.end();
    return new Command.Unlock(target);
  }
}
