package dev.ticketsmith.command;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A successfully parsed {@code /ticketsmith} slash command.
 *
 * <p>Names (service, database, environment, lock target) are lower-case DNS labels. Artifacts,
 * versions and snapshots keep the case the user typed. A reason is free text with whitespace runs
 * folded to one space, HTML entities decoded ({@code & < >} are literal), links shown as their
 * label, and user, channel and user-group mentions kept in Slack's canonical form
 * ({@code <@U123>}, {@code <#C123>}, {@code <!subteam^S123>}); {@code @here}-style broadcasts
 * become plain text so that echoing a reason never pings a channel again.
 */
public sealed interface Command permits Command.Help, Command.Promote, Command.Rollback,
    Command.Scale, Command.Restore, Command.RestoreUndo, Command.RestoreTest, Command.Backup, Command.Dr,
    Command.Status, Command.History, Command.Lock, Command.Unlock {

  /** The subcommand word, lower-case: {@code "help"}, {@code "promote"}, and so on. */
  String verb();

  /** {@code help [<subcommand>]}: the whole help, or the usage of one subcommand. */
  record Help(Optional<String> topic) implements Command {
    public Help { Objects.requireNonNull(topic, "topic"); }
    @Override public String verb() { return "help"; }
  }

  /**
   * {@code promote <service> [<version|image>] [to <env>] [--force] [reason…]}; the reason may be
   * empty. Without a version, what runs in the pipeline's previous environment (pinned by digest).
   * {@code force}: an approver's override of a lock, a change freeze or the provenance guardrail.
   */
  record Promote(String service, Optional<String> artifact, Optional<String> environment, String reason, boolean force)
      implements Command {
    public Promote {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(artifact, "artifact");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(reason, "reason");
    }

    /** A promotion of a version, with or without {@code --force}. */
    public Promote(String service, String artifact, Optional<String> environment, String reason, boolean force) {
      this(service, Optional.of(artifact), environment, reason, force);
    }

    /** A promotion of a version without {@code --force}. */
    public Promote(String service, String artifact, Optional<String> environment, String reason) {
      this(service, artifact, environment, reason, false);
    }

    /** Whether the image comes from the pipeline's previous environment (no version given). */
    public boolean fromPipeline() {
      return artifact.isEmpty();
    }
    @Override public String verb() { return "promote"; }
  }

  /** {@code rollback <service> [to <version>] [in <env>] [reason…]}; the reason may be empty. */
  record Rollback(String service, Optional<String> toVersion, Optional<String> environment,
      String reason) implements Command {
    public Rollback {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(toVersion, "toVersion");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(reason, "reason");
    }
    @Override public String verb() { return "rollback"; }
  }

  /**
   * {@code scale <service> min=<n> max=<m> [for <duration>] [in <env>] [reason…]}, or with
   * {@code reset}, {@code scale <service> reset [in <env>]}: end the override in force now.
   */
  record Scale(String service, int min, int max, Optional<Duration> duration,
      Optional<String> environment, String reason, boolean reset) implements Command {
    public Scale {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(reason, "reason");
    }

    /** An override of the replica range. */
    public Scale(String service, int min, int max, Optional<Duration> duration, Optional<String> environment, String reason) {
      this(service, min, max, duration, environment, reason, false);
    }

    /** {@code scale <service> reset [in <env>]}. */
    public static Scale reset(String service, Optional<String> environment) {
      return new Scale(service, 0, 0, Optional.empty(), environment, "", true);
    }
    @Override public String verb() { return "scale"; }
  }

  /** {@code restore <database> [from <snapshot>] [in <env>]}. */
  record Restore(String database, Optional<String> snapshot, Optional<String> environment)
      implements Command {
    public Restore {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(environment, "environment");
    }
    @Override public String verb() { return "restore"; }
  }

  /**
   * {@code restore <database> undo [<operation>] [in <env>]}: the consumers of a restore's cut-over
   * go back to their previous addresses; without an operation, the latest cut-over of the database.
   */
  record RestoreUndo(String database, Optional<String> operation, Optional<String> environment)
      implements Command {
    public RestoreUndo {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(environment, "environment");
    }
    @Override public String verb() { return "restore"; }
  }

  /** {@code restore-test <database> [in <env>]}: the database's restore test, now. */
  record RestoreTest(String database, Optional<String> environment) implements Command {
    public RestoreTest {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(environment, "environment");
    }
    @Override public String verb() { return "restore-test"; }
  }

  /** {@code dr [<database>]}: backup age against the RPO, the last restore test, encryption. */
  record Dr(Optional<String> database) implements Command {
    public Dr { Objects.requireNonNull(database, "database"); }
    @Override public String verb() { return "dr"; }
  }

  /** {@code backup <database> [in <env>]}. */
  record Backup(String database, Optional<String> environment) implements Command {
    public Backup {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(environment, "environment");
    }
    @Override public String verb() { return "backup"; }
  }

  /** {@code status [<service>]}. */
  record Status(Optional<String> service) implements Command {
    public Status { Objects.requireNonNull(service, "service"); }
    @Override public String verb() { return "status"; }
  }

  /** {@code history [<service>] [<n>]}: the last {@code limit} releases, 1 to 100. */
  record History(Optional<String> service, int limit) implements Command {
    /** The number of entries shown when the user gives none. */
    public static final int DEFAULT_LIMIT = 10;

    public History { Objects.requireNonNull(service, "service"); }
    @Override public String verb() { return "history"; }
  }

  /** {@code lock <service|env> [for <duration>] <reason…>}; the reason is never blank. */
  record Lock(String target, Optional<Duration> duration, String reason) implements Command {
    public Lock {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(reason, "reason");
    }
    @Override public String verb() { return "lock"; }
  }

  /** {@code unlock <service|env>}. */
  record Unlock(String target) implements Command {
    public Unlock { Objects.requireNonNull(target, "target"); }
    @Override public String verb() { return "unlock"; }
  }
}
