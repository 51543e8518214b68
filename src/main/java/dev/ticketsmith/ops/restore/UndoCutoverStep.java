package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.CutoverRecords;
import dev.ticketsmith.backup.CutoverRecords.Replaced;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.DatabaseSpec.Consumer;
import dev.ticketsmith.kube.ConsumerWorkloads;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@code db.undo-cutover}: puts back the Secret values a restore's cut-over replaced (recorded before
 * it changed anything) and restarts the consumers. On a restore's own rollback path it undoes that
 * restore; in a {@code restore-undo} operation, the restore the plan names.
 */
@Singleton
public class UndoCutoverStep extends DatabaseStep {

    static final String RESTART_AT = "undo.restartAt";

    private final ConsumerWorkloads workloads;
    private final CutoverRecords records;
    private final CutoverStep cutover;

    UndoCutoverStep(Catalog catalog, DatabaseProviders providers, ConsumerWorkloads workloads, CutoverRecords records, CutoverStep cutover) {
        super(catalog, providers);
        this.workloads = workloads;
        this.records = records;
        this.cutover = cutover;
    }

    @Override
    public String type() {
        return "db.undo-cutover";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        String undoes = ctx.plan().get(DbPlan.UNDOES);
        if (undoes == null && ctx.handle(RestoreHandles.CUTOVER_RECORDED).isEmpty()) {
            return StepResult.done("nothing was cut over");
        }
        List<Replaced> replaced = records.of(UUID.fromString(undoes != null ? undoes : ctx.operationId()));
        if (replaced.isEmpty()) {
            return StepResult.done("nothing was cut over");
        }
        List<String> changed = new ArrayList<>();
        for (Replaced r : replaced) {
            String now = workloads.read(r.namespace(), r.secret(), r.key()).orElse(null);
            if (!Objects.equals(now, r.previous())) {
                workloads.write(r.namespace(), r.secret(), r.key(), r.previous());
                changed.add(r.secret() + "/" + r.key());
            }
        }
        boolean restartNeeded = !changed.isEmpty() || ctx.handle(RESTART_AT).isPresent()
                || (undoes == null && ctx.handle(CutoverStep.RESTART_AT).isPresent());
        if (!restartNeeded) {
            return StepResult.done("the Secrets already hold their previous values");
        }
        String at = ctx.handle(RESTART_AT).orElse(ctx.now().toString());
        ctx.putHandle(RESTART_AT, at);
        ctx.putHandle(RestoreHandles.UNDONE_AT, ctx.now().toString());
        Set<String> secrets = new LinkedHashSet<>();
        replaced.forEach(r -> secrets.add(r.secret()));
        List<Consumer> affected = db.consumers().stream().filter(c -> secrets.contains(c.secret())).toList();
        Set<String> deployments = cutover.deployments(affected, db.environment());
        String namespace = catalog.environment(db.environment()).orElseThrow().kubeNamespace();
        for (String deployment : deployments) {
            workloads.restart(namespace, deployment, at);
        }
        return StepResult.done(replaced.size() + " Secret keys back to their previous values; restarting " + String.join(", ", deployments));
    }
}
