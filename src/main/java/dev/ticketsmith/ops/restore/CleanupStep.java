package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * {@code db.cleanup}: removes a restore test's scratch copy once {@code keepFor} has passed, after a
 * pass or a failure alike. A copy whose provisioning never began is not looked for; one that did is
 * removed even if provisioning failed half-way.
 */
@Singleton
public class CleanupStep extends DatabaseStep {

    CleanupStep(Catalog catalog, DatabaseProviders providers) {
        super(catalog, providers);
    }

    @Override
    public String type() {
        return "db.cleanup";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        if (ctx.handle(RestoreHandles.REMOVED).isPresent()) {
            return StepResult.done(copy(ctx) + " removed");
        }
        if (ctx.handle(ProvisionStep.STARTED_AT).isEmpty()) {
            return StepResult.done("nothing was provisioned");
        }
        Duration keepFor = Duration.parse(ctx.step().param("keepFor", "PT0S"));
        if (ctx.elapsed().compareTo(keepFor) < 0) {
            Duration left = keepFor.minus(ctx.elapsed());
            return StepResult.waitFor(left.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : left,
                    copy(ctx) + " kept for inspection; removed in " + Sizes.duration(left));
        }
        StepResult result = provider.removeScratch(ctx, db, copy(ctx));
        if (result instanceof StepResult.Done) {
            ctx.putHandle(RestoreHandles.REMOVED, ctx.now().toString());
        }
        return result;
    }
}
