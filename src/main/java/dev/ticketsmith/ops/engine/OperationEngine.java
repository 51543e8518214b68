package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditDecision;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts operations and steers them on a person's word: pause, resume, abort. Every change takes
 * the operation's row lock, so it never races a reconcile tick on any replica, and is recorded.
 */
@ApplicationScoped
public class OperationEngine {

    /** The handle that tells the remaining hold steps to end at once, and who asked. */
    public static final String PROMOTE_NOW = "engine.promoteNow";

    private final EntityManager em;
    private final OperationJournal journal;
    private final Clock clock;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;
    private final jakarta.enterprise.event.Event<OperationRequested> requested;

    OperationEngine(EntityManager em, OperationJournal journal, Clock clock, jakarta.transaction.TransactionSynchronizationRegistry transactions,
                    jakarta.enterprise.event.Event<OperationRequested> requested) {
        this.em = em;
        this.journal = journal;
        this.clock = clock;
        this.transactions = transactions;
        this.requested = requested;
    }

    /**
     * Records a new operation, unless the target already has an active one in that environment.
     * Starters of the same target are serialised by an advisory lock; the partial unique index
     * {@code operation_one_active} is the backstop.
     */
    @Transactional
    public StartResult start(OperationRequest request) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(hashtext(?1)) AS text)")
                .setParameter(1, "operation:" + request.target() + "@" + request.environment()).getSingleResult();
        Optional<Operation> holder = active(request.target(), request.environment());
        if (holder.isPresent()) {
            return new StartResult.Locked(holder.get());
        }
        Instant now = clock.instant();
        Operation op = new Operation();
        op.id = UUID.randomUUID();
        op.kind = request.kind();
        op.target = request.target();
        op.environment = request.environment();
        op.phase = Phase.PENDING;
        op.context.putAll(request.context());
        op.steps.addAll(request.steps());
        op.rollbackSteps.addAll(request.rollbackSteps());
        op.stepsHash = StepsHash.of(op.context, op.steps, op.rollbackSteps);
        op.requesterId = request.requesterId();
        op.requesterName = request.requesterName();
        op.createdAt = now;
        op.updatedAt = now;
        op.nextTickAt = now;
        op.persist();
        journal.record(op, request.requesterId(), request.requesterName(), AuditDecision.ACCEPTED, "requested",
                op.steps.size() + " steps: " + String.join(", ", op.steps.stream().map(StepSpec::type).toList()), now);
        UUID id = op.id;
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    requested.fireAsync(new OperationRequested(id)); // its first step need not wait for the next tick
                }
            }
        });
        return new StartResult.Started(op);
    }

    /** The active operation on a target in an environment, if any. */
    @Transactional
    public Optional<Operation> active(String target, String environment) {
        return Operation.<Operation>find("target = :target AND environment = :env AND phase IN :phases",
                        Parameters.with("target", target).and("env", environment).and("phases", Phase.ACTIVE))
                .firstResultOptional();
    }

    /** Holds a running operation where it is; nothing moves until {@link #resume}. */
    @Transactional
    public Operation pause(UUID id, String actorId, String actorName) {
        Operation op = locked(id);
        if (!Phase.TICKING.contains(op.phase) || op.onRollbackPath) {
            throw new IllegalStateException(describe(op) + " cannot be paused" + (op.onRollbackPath ? " while it rolls back" : ""));
        }
        op.phase = Phase.PAUSED;
        touch(op);
        journal.record(op, actorId, actorName, AuditDecision.STATE_CHANGE, "paused", "paused at step " + (op.stepIndex + 1), clock.instant());
        return op;
    }

    /** Continues a paused operation; the current step's clock starts again, so a hold is served in full. */
    @Transactional
    public Operation resume(UUID id, String actorId, String actorName) {
        Operation op = locked(id);
        if (op.phase != Phase.PAUSED) {
            throw new IllegalStateException(describe(op) + " is not paused");
        }
        Instant now = clock.instant();
        op.phase = Phase.RUNNING;
        op.stepStartedAt = now;
        op.nextTickAt = now;
        op.handles.remove(StepContext.WATCHED_AT);
        touch(op);
        journal.record(op, actorId, actorName, AuditDecision.STATE_CHANGE, "resumed", "resumed at step " + (op.stepIndex + 1), now);
        return op;
    }

    /** Ends the remaining holds early ("Promote now"): each traffic step still sets its weight, without waiting. */
    @Transactional
    public Operation promoteNow(UUID id, String actorId, String actorName) {
        Operation op = locked(id);
        if (op.phase != Phase.RUNNING || op.onRollbackPath) {
            throw new IllegalStateException(describe(op) + " is not running its plan");
        }
        if (op.handles.containsKey(PROMOTE_NOW)) {
            throw new IllegalStateException(describe(op) + " is already promoting without holds");
        }
        op.handles.put(PROMOTE_NOW, actorId);
        op.nextTickAt = clock.instant();
        touch(op);
        journal.record(op, actorId, actorName, AuditDecision.STATE_CHANGE, "promote-now", "remaining holds skipped", clock.instant());
        return op;
    }

    /** Stops the plan and sends the operation down its rollback path; it ends ABORTED. */
    @Transactional
    public Operation abort(UUID id, String actorId, String actorName) {
        Operation op = locked(id);
        if (!op.phase.active() || op.onRollbackPath) {
            throw new IllegalStateException(describe(op) + (op.onRollbackPath ? " is already rolling back" : " has ended"));
        }
        Rollback.begin(op, Phase.ABORTED, "aborted by <@" + actorId + ">", clock.instant());
        journal.record(op, actorId, actorName, AuditDecision.ABORTED, "aborted", op.endReason, clock.instant());
        return op;
    }

    /**
     * A rollback asked for while the operation runs: it stops and takes its rollback path at once
     * (traffic back to stable first), ending ROLLED_BACK with the reason given.
     */
    @Transactional
    public Operation rollBack(UUID id, String actorId, String actorName, String reason) {
        Operation op = locked(id);
        if (!op.phase.active() || op.onRollbackPath) {
            throw new IllegalStateException(describe(op) + (op.onRollbackPath ? " is already rolling back" : " has ended"));
        }
        String why = "rollback requested by " + (actorName == null ? actorId : actorName) + (reason == null || reason.isBlank() ? "" : ": " + reason);
        Rollback.begin(op, Phase.ROLLED_BACK, why, clock.instant());
        journal.record(op, actorId, actorName, AuditDecision.STATE_CHANGE, "rolling-back", why, clock.instant());
        return op;
    }

    /** The operation, locked and read afresh (an entity already loaded in this transaction may be stale). */
    private Operation locked(UUID id) {
        Operation op = em.find(Operation.class, id);
        if (op == null) {
            throw new IllegalArgumentException("no operation " + id);
        }
        em.refresh(op, LockModeType.PESSIMISTIC_WRITE);
        return op;
    }

    private void touch(Operation op) {
        op.updatedAt = clock.instant();
    }

    private static String describe(Operation op) {
        return op.kind + " " + op.id + " (" + op.phase.name().toLowerCase().replace('_', ' ') + ")";
    }
}
