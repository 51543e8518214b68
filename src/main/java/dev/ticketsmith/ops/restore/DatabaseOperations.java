package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.StartResult;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Starts the operations of a database: backup, restore, restore test and the undo of a cut-over, for commands and schedules alike. */
@ApplicationScoped
public class DatabaseOperations {

    private final Catalog catalog;
    private final OperationEngine engine;
    private final DatabaseProviders providers;
    private final Clock clock;

    DatabaseOperations(Catalog catalog, OperationEngine engine, DatabaseProviders providers, Clock clock) {
        this.catalog = catalog;
        this.engine = engine;
        this.providers = providers;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StartResult backup(DatabaseSpec db, String trigger, String requesterId, String requesterName) {
        return engine.start(DatabasePlans.backup(db, trigger, requesterId, requesterName));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StartResult restore(DatabaseSpec db, Optional<String> from, String requesterId, String requesterName) {
        return engine.start(DatabasePlans.restore(db, environment(db), providers.of(db), from, clock.instant(), requesterId, requesterName));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StartResult restoreTest(DatabaseSpec db, String trigger, String requesterId, String requesterName) {
        return engine.start(DatabasePlans.restoreTest(db, providers.of(db), trigger, clock.instant(), requesterId, requesterName));
    }

    /** A restore of the database whose cut-over can be undone: the one named by (a prefix of) its id, else the latest. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Operation> undoable(DatabaseSpec db, Optional<String> idPrefix) {
        List<Operation> restores = Operation.<Operation>find("kind = :kind AND target = :target ORDER BY createdAt DESC",
                Parameters.with("kind", DbPlan.RESTORE).and("target", db.name())).page(0, 50).list();
        return restores.stream()
                .filter(op -> idPrefix.map(p -> op.id.toString().startsWith(p)).orElse(true))
                .filter(op -> op.handles.containsKey(RestoreHandles.CUTOVER_RECORDED))
                .filter(op -> idPrefix.isPresent() || !undone(op))
                .findFirst();
    }

    /** Whether a restore's cut-over was undone already (by its own rollback path or by an undo that succeeded). */
    private static boolean undone(Operation restore) {
        return restore.handles.containsKey(RestoreHandles.UNDONE_AT) || ((Number) Operation.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM operation WHERE kind = ?1 AND phase = 'SUCCEEDED' AND context ->> ?2 = ?3")
                .setParameter(1, DbPlan.RESTORE_UNDO).setParameter(2, DbPlan.UNDOES).setParameter(3, restore.id.toString())
                .getSingleResult()).longValue() > 0;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StartResult undo(DatabaseSpec db, Operation restore, String requesterId, String requesterName) {
        return engine.start(DatabasePlans.undo(db, environment(db), restore.id.toString(), requesterId, requesterName));
    }

    private EnvironmentSpec environment(DatabaseSpec db) {
        return catalog.environment(db.environment()).orElseThrow();
    }
}
