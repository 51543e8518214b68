package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.kube.ConsumerWorkloads;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code db.consumers-ready}: waits until every restarted consumer has rolled out (all replicas
 * updated, ready and available, no old pod left), then records the cut-over's time: from the
 * Secret change until the last consumer pod is ready on the new address. Past {@code timeout} the
 * step fails and the rollback path puts the previous addresses back.
 */
@Singleton
public class ConsumersReadyStep extends DatabaseStep {

    private final ConsumerWorkloads workloads;
    private final CutoverStep cutover;

    ConsumersReadyStep(Catalog catalog, DatabaseProviders providers, ConsumerWorkloads workloads, CutoverStep cutover) {
        super(catalog, providers);
        this.workloads = workloads;
        this.cutover = cutover;
    }

    @Override
    public String type() {
        return "db.consumers-ready";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        boolean undo = "undo".equals(ctx.step().param("measure", "cutover"));
        var at = ctx.handle(undo ? UndoCutoverStep.RESTART_AT : CutoverStep.RESTART_AT);
        if (at.isEmpty()) {
            return StepResult.done("no consumer was restarted");
        }
        String namespace = catalog.environment(db.environment()).orElseThrow().kubeNamespace();
        List<String> waiting = new ArrayList<>();
        for (String deployment : cutover.deployments(db.consumers(), db.environment())) {
            ConsumerWorkloads.Rollout rollout = workloads.rollout(namespace, deployment, at.get());
            if (!rollout.complete()) {
                waiting.add(rollout.detail());
            }
        }
        if (!waiting.isEmpty()) {
            Duration timeout = Duration.parse(ctx.step().param("timeout", "PT10M"));
            if (ctx.elapsed().compareTo(timeout) > 0) {
                return StepResult.fail("consumers not ready within " + Sizes.duration(timeout) + ": " + String.join("; ", waiting));
            }
            return StepResult.waitFor(Duration.ofSeconds(3), "waiting for consumers: " + String.join("; ", waiting));
        }
        Duration took = Duration.between(Instant.parse(at.get()), ctx.now());
        ctx.putHandle(undo ? "time.undoMs" : RestoreHandles.CUTOVER_MS, Long.toString(took.toMillis()));
        return StepResult.done("every consumer ready on the " + (undo ? "previous" : "new") + " address " + Sizes.duration(took)
                + " after the Secret change");
    }
}
