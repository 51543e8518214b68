package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.CopyAddress;
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

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code db.cutover}: repoints the consumers at the restored copy. First every key's current value
 * is recorded and committed (nothing is changed in that reconcile); then each key gets the copy's
 * address in the form its consumer reads, and each consumer's Deployment is restarted. The
 * previous values make the one command that undoes it.
 */
@Singleton
public class CutoverStep extends DatabaseStep {

    /** When the consumers were restarted (the rollout the next step waits on is this one's). */
    static final String RESTART_AT = "cutover.restartAt";

    private final ConsumerWorkloads workloads;
    private final CutoverRecords records;

    CutoverStep(Catalog catalog, DatabaseProviders providers, ConsumerWorkloads workloads, CutoverRecords records) {
        super(catalog, providers);
        this.workloads = workloads;
        this.records = records;
    }

    @Override
    public String type() {
        return "db.cutover";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        if (db.consumers().isEmpty()) {
            return StepResult.done("no consumers in the catalogue: point your services at " + provider.address(ctx, db, copy(ctx)) + " yourself");
        }
        String namespace = catalog.environment(db.environment()).orElseThrow().kubeNamespace();
        UUID op = UUID.fromString(ctx.operationId());
        if (ctx.handle(RestoreHandles.CUTOVER_RECORDED).isEmpty()) {
            for (Consumer c : db.consumers()) {
                if (!workloads.secretExists(namespace, c.secret())) {
                    return StepResult.failed("Secret " + namespace + "/" + c.secret() + " of " + c.service() + " does not exist; nothing was changed");
                }
            }
            for (Consumer c : db.consumers()) {
                records.record(op, new Replaced(namespace, c.secret(), c.key(), workloads.read(namespace, c.secret(), c.key()).orElse(null)));
            }
            ctx.putHandle(RestoreHandles.CUTOVER_RECORDED, ctx.now().toString());
            return StepResult.waitFor(Duration.ZERO, "previous values of " + db.consumers().size() + " Secret keys recorded");
        }
        CopyAddress address = provider.address(ctx, db, copy(ctx));
        Map<String, Replaced> before = records.of(op).stream().collect(Collectors.toMap(r -> r.secret() + "/" + r.key(), Function.identity()));
        String at = ctx.handle(RESTART_AT).orElse(ctx.now().toString());
        ctx.putHandle(RESTART_AT, at);
        if (ctx.handle(RestoreHandles.CUTOVER_AT).isEmpty()) {
            ctx.putHandle(RestoreHandles.CUTOVER_AT, ctx.now().toString());
        }
        for (Consumer c : db.consumers()) {
            Replaced previous = before.get(c.secret() + "/" + c.key());
            String value = address.render(c.valueFor(db.provider()), previous == null ? null : previous.previous());
            if (!value.equals(workloads.read(namespace, c.secret(), c.key()).orElse(null))) {
                workloads.write(namespace, c.secret(), c.key(), value);
            }
        }
        Set<String> deployments = deployments(db.consumers(), db.environment());
        for (String deployment : deployments) {
            workloads.restart(namespace, deployment, at);
        }
        return StepResult.done(db.consumers().size() + " Secret keys point at " + address + "; restarting " + String.join(", ", deployments));
    }

    /** The Deployments of the consumers in the environment, each once. */
    Set<String> deployments(List<Consumer> consumers, String environment) {
        Set<String> names = new LinkedHashSet<>();
        for (Consumer c : consumers) {
            names.add(catalog.service(c.service(), environment).deployment());
        }
        return names;
    }
}
