package dev.ticketsmith.ops.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

/** {@code db.provision}: the new copy from the chosen backup, with progress; then the configuration drift against the source. */
@Singleton
public class ProvisionStep extends DatabaseStep {

    private static final ObjectMapper JSON = new ObjectMapper();

    ProvisionStep(Catalog catalog, DatabaseProviders providers) {
        super(catalog, providers);
    }

    @Override
    public String type() {
        return "db.provision";
    }

    /** When provisioning began: recorded and committed before anything is created, so cleanup knows to look. */
    public static final String STARTED_AT = "time.provisionStartedAt";

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        if (ctx.handle(STARTED_AT).isEmpty()) {
            ctx.putHandle(STARTED_AT, ctx.now().toString());
            return StepResult.waitFor(java.time.Duration.ZERO, "provisioning " + copy(ctx));
        }
        StepResult result = provider.provision(ctx, db, chosen(ctx), copy(ctx), scratch(ctx));
        if (result instanceof StepResult.Done && ctx.handle(RestoreHandles.DRIFT).isEmpty()) {
            try {
                ctx.putHandle(RestoreHandles.DRIFT, JSON.writeValueAsString(provider.drift(ctx, db, copy(ctx))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }
}
