package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.ProviderThrottled;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepAction;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A step of a database operation: finds the catalogue database and its provider, and gives a
 * throttled provider its own back-off (5 s doubling to 2 min, with jitter) instead of the
 * operation's error budget. Its steps are {@code @Singleton} beans (no client proxy: this class has
 * no no-args constructor).
 */
abstract class DatabaseStep implements StepAction {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration MOST = Duration.ofMinutes(2);

    protected final Catalog catalog;
    protected final DatabaseProviders providers;

    DatabaseStep(Catalog catalog, DatabaseProviders providers) {
        this.catalog = catalog;
        this.providers = providers;
    }

    @Override
    public final StepResult reconcile(StepContext ctx) {
        DatabaseSpec db = database(ctx);
        try {
            StepResult result = reconcile(ctx, db, providers.of(db));
            ctx.putHandle(RestoreHandles.THROTTLED, "0");
            if (result instanceof StepResult.Fail fail && DbPlan.RESTORE_TEST.equals(ctx.kind())) {
                return StepResult.failed(fail.reason()); // a restore test that could not restore failed, cleaned up or not
            }
            return result;
        } catch (ProviderThrottled e) {
            int inARow = Integer.parseInt(ctx.handle(RestoreHandles.THROTTLED).orElse("0")) + 1;
            ctx.putHandle(RestoreHandles.THROTTLED, Integer.toString(inARow));
            return StepResult.waitFor(backoff(inARow), "AWS is throttling (" + inARow + " in a row): " + e.getMessage() + "; trying again");
        }
    }

    /** How long to wait after the n-th throttled call in a row. */
    static Duration backoff(int inARow) {
        long base = Math.min(MOST.toMillis(), FIRST.toMillis() << Math.min(inARow - 1, 10));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    protected abstract StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider);

    protected DatabaseSpec database(StepContext ctx) {
        String name = ctx.plan().getOrDefault(DbPlan.DATABASE, DbPlan.database(ctx.target()));
        return catalog.database(name).orElseThrow(() -> new IllegalStateException("the database " + name + " is no longer in the catalogue"));
    }

    protected static BackupRef chosen(StepContext ctx) {
        BackupRef from = BackupRef.fromHandles(ctx.handles(), RestoreHandles.BACKUP);
        if (from == null) {
            throw new IllegalStateException("no backup was chosen");
        }
        return from;
    }

    protected static String copy(StepContext ctx) {
        return ctx.plan().get(DbPlan.COPY);
    }

    protected static boolean scratch(StepContext ctx) {
        return Boolean.parseBoolean(ctx.plan().getOrDefault(DbPlan.SCRATCH, "false"));
    }
}
