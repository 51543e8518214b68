package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.restore.DatabaseOperations;
import dev.ticketsmith.slack.CommandOutcome;
import dev.ticketsmith.slack.Replies;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@code /ticketsmith restore <database> [from <backup>]}: the restore procedure as an operation
 * (plan, approvals, provision, validate, cut over, report); and {@code restore <database> undo
 * [<operation>]}: the consumers of a cut-over go back to the addresses recorded before it.
 */
@ApplicationScoped
public class RestoreCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final DatabaseOperations operations;

    RestoreCapability(Catalog catalog, DatabaseOperations operations) {
        this.catalog = catalog;
        this.operations = operations;
    }

    @Override
    public String verb() {
        return "restore";
    }

    @Override
    public Handling handle(CommandRequest request) {
        if (request.command() instanceof Command.RestoreUndo undo) {
            return new Acting("restore", request.audit(), () -> undo(request, undo));
        }
        Command.Restore restore = (Command.Restore) request.command();
        DatabaseSpec db = catalog.database(restore.database()).orElseThrow();
        String channel = catalog.environment(db.environment()).orElseThrow().channel();
        return new Acting("restore", request.audit(), () -> {
            var who = request.invocation();
            return DatabaseReplies.started(request, "restore", operations.restore(db, restore.snapshot(), who.userId(), who.userName()), channel,
                    op -> ":recycle: Restore of `" + db.name() + "` into `" + op.context.get("db.copy") + "` from "
                            + restore.snapshot().map(s -> "`" + s + "`").orElse("the newest backup") + " planned"
                            + (op.steps.stream().anyMatch(s -> s.type().equals("gate.approval")) ? "; it waits for approval before provisioning" : "")
                            + ". The current database is never changed or deleted.");
        });
    }

    private Handled undo(CommandRequest request, Command.RestoreUndo undo) {
        DatabaseSpec db = catalog.database(undo.database()).orElseThrow();
        Optional<Operation> restore = operations.undoable(db, undo.operation());
        if (restore.isEmpty()) {
            String why = undo.operation().map(id -> "No restore of `" + db.name() + "` with id `" + id + "…` has cut over, so there is nothing to undo.")
                    .orElse("No restore of `" + db.name() + "` has cut over yet, so there is nothing to undo.");
            return new Handled(request.audit().decided("restore", AuditDecision.REFUSED, why), CommandOutcome.now(Replies.refused(why)));
        }
        var who = request.invocation();
        String channel = catalog.environment(db.environment()).orElseThrow().channel();
        return DatabaseReplies.started(request, "restore", operations.undo(db, restore.get(), who.userId(), who.userName()), channel,
                op -> ":leftwards_arrow_with_hook: Undoing the cut-over of restore `" + restore.get().id + "`: the consumers of `" + db.name()
                        + "` go back to their previous addresses and restart.");
    }
}
