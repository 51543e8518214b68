package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

/** {@code db.backup}: a snapshot or a dump now; the note gives its id, size, duration and checksum. */
@Singleton
public class BackupStep extends DatabaseStep {

    BackupStep(Catalog catalog, DatabaseProviders providers) {
        super(catalog, providers);
    }

    @Override
    public String type() {
        return "db.backup";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        return provider.backup(ctx, db, ctx.plan().getOrDefault(DbPlan.TRIGGER, "manual"));
    }
}
