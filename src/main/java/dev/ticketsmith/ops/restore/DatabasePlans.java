package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.StepSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The plans of database operations, as data:
 * <ul>
 *   <li>backup: take it, then prune to {@code keep} where the catalogue says so;</li>
 *   <li>restore: choose the backup, preflight, the environment's approvals, provision, validate,
 *       (a second approval,) cut over, wait for the consumers, report; its rollback path puts the
 *       previous addresses back;</li>
 *   <li>restore test: choose, preflight, provision into a scratch copy, validate, report, remove the
 *       copy after {@code keepFor}; its rollback path reports the failure and removes the copy too;</li>
 *   <li>undo of a cut-over: approvals, previous addresses back, consumers ready.</li>
 * </ul>
 * The new copy's name is fixed here, so approvers approve it.
 */
public final class DatabasePlans {

    private DatabasePlans() {
    }

    public static OperationRequest backup(DatabaseSpec db, String trigger, String requesterId, String requesterName) {
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of("db.backup", Map.of()));
        db.pgdump().flatMap(p -> p.backup()).ifPresent(b -> steps.add(StepSpec.of("db.prune", Map.of("keep", Integer.toString(b.keep())))));
        return new OperationRequest(DbPlan.BACKUP, db.name(), db.environment(), context(db, trigger, Optional.empty()), steps, List.of(),
                requesterId, requesterName);
    }

    public static OperationRequest restore(DatabaseSpec db, EnvironmentSpec env, DatabaseProvider provider, Optional<String> from, Instant now,
                                           String requesterId, String requesterName) {
        Map<String, String> context = context(db, "manual", from);
        context.put(DbPlan.COPY, provider.copyName(db, now, false));
        context.put(DbPlan.SCRATCH, "false");
        context.put(DbPlan.SETTINGS, settings(provider.explicitSettings(db, false)));
        context.put(DbPlan.CONSUMERS, db.consumers().stream().map(c -> c.service() + " (" + c.secret() + "/" + c.key() + ", "
                + c.valueFor(db.provider()).name().toLowerCase().replace('_', '-') + ")").collect(Collectors.joining(", ")));
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of("db.choose", Map.of()));
        steps.add(StepSpec.of("db.preflight", Map.of()));
        if (env.approvals() > 0) {
            steps.add(gate("gate.approval", env.approvals(), env));
        }
        steps.add(StepSpec.of("db.provision", Map.of()));
        steps.add(StepSpec.of("db.validate", Map.of()));
        if (db.cutoverApproval()) {
            steps.add(gate("gate.cutover", Math.max(1, env.approvals()), env));
        }
        steps.add(StepSpec.of("db.cutover", Map.of()));
        steps.add(StepSpec.of("db.consumers-ready", Map.of("measure", "cutover")));
        steps.add(StepSpec.of("db.report", Map.of()));
        List<StepSpec> rollback = List.of(StepSpec.of("db.undo-cutover", Map.of()), StepSpec.of("db.consumers-ready", Map.of("measure", "undo")));
        return new OperationRequest(DbPlan.RESTORE, db.name(), db.environment(), context, steps, rollback, requesterId, requesterName);
    }

    public static OperationRequest restoreTest(DatabaseSpec db, DatabaseProvider provider, String trigger, Instant now, String requesterId,
                                               String requesterName) {
        var test = db.restoreTest().orElseThrow();
        Map<String, String> context = context(db, trigger, Optional.empty());
        context.put(DbPlan.COPY, provider.copyName(db, now, true));
        context.put(DbPlan.SCRATCH, "true");
        context.put(DbPlan.SETTINGS, settings(provider.explicitSettings(db, true)));
        context.put(DbPlan.CHANNEL, test.channel());
        Map<String, String> cleanup = Map.of("keepFor", test.keepFor().toString());
        List<StepSpec> steps = List.of(StepSpec.of("db.choose", Map.of()), StepSpec.of("db.preflight", Map.of()),
                StepSpec.of("db.provision", Map.of()), StepSpec.of("db.validate", Map.of()), StepSpec.of("db.report", Map.of()),
                StepSpec.of("db.cleanup", cleanup));
        List<StepSpec> rollback = List.of(StepSpec.of("db.report", Map.of()), StepSpec.of("db.cleanup", cleanup));
        return new OperationRequest(DbPlan.RESTORE_TEST, DbPlan.testTarget(db.name()), db.environment(), context, steps, rollback,
                requesterId, requesterName);
    }

    public static OperationRequest undo(DatabaseSpec db, EnvironmentSpec env, String restoreOperation, String requesterId, String requesterName) {
        Map<String, String> context = context(db, "manual", Optional.empty());
        context.put(DbPlan.UNDOES, restoreOperation);
        List<StepSpec> steps = new ArrayList<>();
        if (env.rollbackNeedsApproval() && env.approvals() > 0) {
            steps.add(gate("gate.approval", 1, env)); // like a rollback: one approver, or none where rollbacks are break-glass
        }
        steps.add(StepSpec.of("db.undo-cutover", Map.of()));
        steps.add(StepSpec.of("db.consumers-ready", Map.of("measure", "undo")));
        return new OperationRequest(DbPlan.RESTORE_UNDO, db.name(), db.environment(), context, steps, List.of(), requesterId, requesterName);
    }

    private static String settings(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }

    private static StepSpec gate(String type, int approvals, EnvironmentSpec env) {
        return StepSpec.of(type, Map.of("approvals", Integer.toString(approvals), "ttl", env.approvalTtl().toString()));
    }

    private static Map<String, String> context(DatabaseSpec db, String trigger, Optional<String> from) {
        Map<String, String> context = new HashMap<>();
        context.put(DbPlan.DATABASE, db.name());
        context.put(DbPlan.TRIGGER, trigger);
        from.ifPresent(f -> context.put(DbPlan.FROM, f));
        return context;
    }
}
