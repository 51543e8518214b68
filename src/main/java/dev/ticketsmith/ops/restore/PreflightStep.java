package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.PreflightCheck;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code db.preflight}: what would make provisioning fail, checked before anything is created (the
 * KMS key, the network, quota, the archive, the server and the client's version). A failed check
 * stops the restore; a check that could not be made is reported and does not.
 */
@Singleton
public class PreflightStep extends DatabaseStep {

    PreflightStep(Catalog catalog, DatabaseProviders providers) {
        super(catalog, providers);
    }

    @Override
    public String type() {
        return "db.preflight";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        List<PreflightCheck> checks = provider.preflight(db, chosen(ctx), copy(ctx), scratch(ctx));
        ctx.putHandle(RestoreHandles.PREFLIGHT, checks.stream().map(PreflightCheck::line).collect(Collectors.joining("\n")));
        List<PreflightCheck> failed = checks.stream().filter(PreflightCheck::failed).toList();
        if (!failed.isEmpty()) {
            return StepResult.failed("preflight: " + failed.stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; ")));
        }
        return StepResult.done(checks.size() + " checks passed" + (checks.stream().anyMatch(c -> c.status() == PreflightCheck.Status.UNKNOWN)
                ? " (some could not be made)" : ""));
    }
}
