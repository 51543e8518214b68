package dev.ticketsmith.slack.capability;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.ops.restore.DatabaseOperations;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /ticketsmith backup <database>}: a snapshot or dump now, followed in a live message (size, duration, checksum or snapshot id). */
@ApplicationScoped
public class BackupCapability implements CapabilityHandler {

    private final Catalog catalog;
    private final DatabaseOperations operations;

    BackupCapability(Catalog catalog, DatabaseOperations operations) {
        this.catalog = catalog;
        this.operations = operations;
    }

    @Override
    public String verb() {
        return "backup";
    }

    @Override
    public Handling handle(CommandRequest request) {
        return new Acting("backup", request.audit(), () -> {
            Command.Backup backup = (Command.Backup) request.command();
            DatabaseSpec db = catalog.database(backup.database()).orElseThrow();
            var who = request.invocation();
            return DatabaseReplies.started(request, "backup", operations.backup(db, "manual", who.userId(), who.userName()),
                    catalog.environment(db.environment()).orElseThrow().channel(),
                    op -> ":floppy_disk: " + (db.provider() == DatabaseSpec.Provider.RDS ? "Snapshot" : "Dump") + " of `" + db.name() + "` started.");
        });
    }
}
