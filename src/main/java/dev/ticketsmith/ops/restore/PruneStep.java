package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.BackupLedger;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.PgDumpProvider;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code db.prune}: keeps the newest {@code keep} archives of a {@code pgdump} database and deletes the rest. */
@Singleton
public class PruneStep extends DatabaseStep {

    private final PgDumpProvider pgdump;
    private final BackupLedger ledger;

    PruneStep(Catalog catalog, DatabaseProviders providers, PgDumpProvider pgdump, BackupLedger ledger) {
        super(catalog, providers);
        this.pgdump = pgdump;
        this.ledger = ledger;
    }

    @Override
    public String type() {
        return "db.prune";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        int keep = Integer.parseInt(ctx.step().param("keep"));
        try {
            List<String> removed = pgdump.prune(db, keep);
            ledger.deleted(db.name(), removed, ctx.now());
            return StepResult.done(removed.isEmpty() ? "nothing to prune (keeping the newest " + keep + ")"
                    : "kept the newest " + keep + ", deleted " + removed.size() + " older");
        } catch (IOException e) {
            throw new UncheckedIOException("pruning " + db.name() + " failed: " + e.getMessage(), e);
        }
    }
}
