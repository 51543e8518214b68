package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.restore.DatabaseOperations;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /ticketsmith restore-test <database>}: the database's scheduled restore test, now, with the same report. */
@ApplicationScoped
public class RestoreTestCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final DatabaseOperations operations;

    RestoreTestCapability(Catalog catalog, DatabaseOperations operations) {
        this.catalog = catalog;
        this.operations = operations;
    }

    @Override
    public String verb() {
        return "restore-test";
    }

    @Override
    public Handling handle(CommandRequest request) {
        Command.RestoreTest command = (Command.RestoreTest) request.command();
        DatabaseSpec db = catalog.database(command.database()).orElseThrow();
        if (db.restoreTest().isEmpty()) {
            String why = "`" + db.name() + "` has no `restoreTest` in the catalogue: add one (schedule, channel and validation queries)"
                    + " to say where its report goes and what it checks.";
            return new Handled(request.audit().decided("restore-test", AuditDecision.INVALID, why), CommandOutcome.now(Replies.refused(why)));
        }
        return new Acting("restore-test", request.audit(), () -> {
            var who = request.invocation();
            String channel = db.restoreTest().get().channel();
            return DatabaseReplies.started(request, "restore-test", operations.restoreTest(db, "manual", who.userId(), who.userName()), channel,
                    op -> ":test_tube: Restore test of `" + db.name() + "` started: a scratch copy `" + op.context.get("db.copy")
                            + "` from the newest backup; the report goes to <#" + channel + ">.");
        });
    }
}
