package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.logging.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Advances one due operation by one reconcile of its current step, in one transaction that holds
 * the operation's row lock ({@code FOR UPDATE SKIP LOCKED}): another replica skips it, a crash
 * rolls the transaction back and the next tick, anywhere, runs the same step again.
 */
@ApplicationScoped
public class OperationStepper {

    private static final Logger LOG = Logger.getLogger(OperationStepper.class);
    static final int MAX_CONSECUTIVE_ERRORS = 5;
    static final Duration ERROR_BACKOFF = Duration.ofSeconds(5);

    private final EntityManager em;
    private final OperationJournal journal;
    private final Clock clock;
    private final Map<String, StepAction> actions;
    private final EngineMetrics metrics;

    /** The MDC key of the operation the engine is working on. */
    public static final String MDC_OPERATION_ID = LogContext.OPERATION_ID;

    OperationStepper(EntityManager em, OperationJournal journal, Clock clock, Instance<StepAction> actions, EngineMetrics metrics) {
        this.metrics = metrics;
        this.em = em;
        this.journal = journal;
        this.clock = clock;
        this.actions = actions.stream().collect(Collectors.toMap(StepAction::type, Function.identity()));
    }

    /**
     * Claims the most overdue operation that no one else holds and that is not in {@code attempted},
     * adds it there (before acting, so a failure that rolls this transaction back still counts) and
     * advances it. False when none is due.
     */
    /**
     * Kinds whose steps go on within one tick once the previous one is done: a backup or a restore
     * has no holds to pace it, and each step of its plan waiting a whole tick would add seconds to
     * its recovery time. Promotions keep one step per tick.
     */
    static final Set<String> CHAINED_KINDS = Set.of("backup", "restore", "restore-test", "restore-undo");

    @Transactional
    public boolean advanceNextDue(Set<UUID> attempted) {
        return advanceNextDue(attempted, new java.util.HashSet<>());
    }

    /**
     * As {@link #advanceNextDue(Set)}; an operation that may go on within the same tick (a database
     * operation whose step just finished: its next step is due at once) is added to {@code again}.
     */
    @Transactional
    public boolean advanceNextDue(Set<UUID> attempted, Set<UUID> again) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("SELECT id FROM operation WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING')"
                        + " AND next_tick_at <= ?1 AND NOT (id = ANY(?2)) ORDER BY next_tick_at LIMIT 1 FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, now).setParameter(2, attempted.toArray(new UUID[0])).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        attempted.add(due.get(0));
        Operation op = em.find(Operation.class, due.get(0));
        try (var logged = LogContext.with(MDC_OPERATION_ID, op.id.toString())) {
            advance(op, now);
        }
        if (CHAINED_KINDS.contains(op.kind) && Phase.TICKING.contains(op.phase) && op.phase != Phase.AWAITING_APPROVAL
                && !op.nextTickAt.isAfter(now)) {
            again.add(op.id);
        }
        return true;
    }

    /**
     * Counts a reconcile of {@code id} whose transaction could not commit, in a transaction of its
     * own: like a step that throws, it is tried again after a pause, and {@value #MAX_CONSECUTIVE_ERRORS}
     * in a row send the operation down its rollback path (or, already there, end it as failed).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void countFailedCommit(UUID id, String why) {
        Operation op = em.find(Operation.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (op == null || !Phase.TICKING.contains(op.phase)) {
            return;
        }
        try (var logged = LogContext.with(MDC_OPERATION_ID, id.toString())) {
            countFailedCommit(op, why);
        }
    }

    private void countFailedCommit(Operation op, String why) {
        Instant now = clock.instant();
        op.errorCount++;
        op.updatedAt = now;
        StepSpec step = op.currentStep();
        String reason = "the outcome of step " + (step == null ? "?" : step.type()) + " could not be recorded " + op.errorCount
                + " times in a row: " + why;
        if (op.errorCount < MAX_CONSECUTIVE_ERRORS) {
            op.nextTickAt = now.plus(ERROR_BACKOFF);
            journal.note(op, "waiting", reason, now);
            return;
        }
        if (op.onRollbackPath || op.rollbackSteps.isEmpty()) {
            end(op, Phase.FAILED, AuditDecision.FAILED, op.onRollbackPath ? "rollback stopped, a person must look: " + reason : reason, now);
        } else {
            Rollback.begin(op, Phase.ROLLED_BACK, reason, now);
            journal.record(op, OperationJournal.ENGINE, null, AuditDecision.FAILED, "rolling-back", reason, now);
        }
    }

    void advance(Operation op, Instant now) {
        op.updatedAt = now;
        if (!StepsHash.of(op.context, op.steps, op.rollbackSteps).equals(op.stepsHash)) {
            end(op, Phase.FAILED, AuditDecision.FAILED, "the plan was changed after it was recorded; nothing more is done", now);
            return;
        }
        boolean starting = op.phase == Phase.PENDING;
        if (starting) {
            op.phase = Phase.RUNNING;
            op.stepStartedAt = now;
        }
        StepSpec step = op.currentStep();
        StepAction action = step == null ? null : actions.get(step.type());
        // the step's outside calls come before any audit append of this tick: an append takes the
        // audit chain's lock until commit, and every replica's appends would queue behind a slow call
        StepResult result = step == null || action == null ? null : reconcile(action, op, step, now);
        if (starting) {
            journal.record(op, OperationJournal.ENGINE, null, AuditDecision.STATE_CHANGE, "started", "started", now);
        }
        if (step == null) {
            finish(op, now);
            return;
        }
        apply(op, step, result != null ? result : new StepResult.Fail("no action is installed for step type " + step.type()), now);
    }

    private StepResult reconcile(StepAction action, Operation op, StepSpec step, Instant now) {
        Map<String, String> before = new java.util.HashMap<>(op.handles);
        long started = System.nanoTime();
        try {
            StepResult result = action.reconcile(new StepContext(op, step, now));
            op.errorCount = 0;
            return result;
        } catch (RuntimeException e) {
            // a step that threw records nothing of this reconcile: half a record would be taken for a whole one
            op.handles.clear();
            op.handles.putAll(before);
            op.errorCount++;
            LOG.warnf("Step %s of %s %s threw (%d in a row): %s", step.type(), op.kind, op.id, op.errorCount, e.toString());
            String reason = "step " + step.type() + " failed " + op.errorCount + " times in a row: " + explain(e);
            return op.errorCount >= MAX_CONSECUTIVE_ERRORS ? new StepResult.Fail(reason) : StepResult.waitFor(ERROR_BACKOFF, reason);
        } finally {
            metrics.reconciled(op.kind, step.type(), System.nanoTime() - started);
        }
    }

    private void apply(Operation op, StepSpec step, StepResult result, Instant now) {
        String where = (op.onRollbackPath ? "rollback step " : "step ") + (op.stepIndex + 1) + "/" + op.currentPath().size()
                + " " + step.type();
        if (op.phase == Phase.AWAITING_APPROVAL && !(result instanceof StepResult.Wait w && w.awaitingApproval())) {
            op.phase = Phase.RUNNING;
        }
        if (result instanceof StepResult.Done done) {
            journal.record(op, OperationJournal.ENGINE, null, AuditDecision.STATE_CHANGE, "step",
                    where + " done" + (done.note() == null ? "" : ": " + done.note()), now);
            stepEnded(op, step, "done", now);
            op.stepIndex++;
            op.stepStartedAt = now;
            op.nextTickAt = now;
            if (op.currentStep() == null) {
                finish(op, now);
            }
        } else if (result instanceof StepResult.Wait wait) {
            if (wait.note() != null && !wait.note().equals(op.latestReason())) {
                journal.note(op, "waiting", wait.note(), now);
            }
            op.nextTickAt = now.plus(wait.recheckIn());
            if (wait.awaitingApproval() && op.phase == Phase.RUNNING) {
                op.phase = Phase.AWAITING_APPROVAL;
                op.messageVersion++;
            }
        } else if (result instanceof StepResult.Fail fail) {
            String reason = where + " failed: " + fail.reason();
            stepEnded(op, step, "failed", now);
            if (op.onRollbackPath || op.rollbackSteps.isEmpty()) {
                end(op, Phase.FAILED, AuditDecision.FAILED, op.onRollbackPath ? "rollback stopped, a person must look: " + reason : reason, now);
            } else {
                Rollback.begin(op, fail.outcome(), reason, now);
                journal.record(op, OperationJournal.ENGINE, null, AuditDecision.FAILED, "rolling-back", reason, now);
            }
        }
    }

    private void stepEnded(Operation op, StepSpec step, String result, Instant now) {
        metrics.stepEnded(op.kind, step.type(), result, op.stepStartedAt == null ? Duration.ZERO : Duration.between(op.stepStartedAt, now));
    }

    private void finish(Operation op, Instant now) {
        if (op.onRollbackPath) {
            Phase outcome = op.rollbackOutcome == null ? Phase.ROLLED_BACK : op.rollbackOutcome;
            end(op, outcome, outcome == Phase.ABORTED ? AuditDecision.ABORTED
                            : outcome == Phase.FAILED ? AuditDecision.FAILED : AuditDecision.ROLLED_BACK,
                    (outcome == Phase.FAILED ? "failed, cleaned up after: " : "rolled back after: ") + op.endReason, now);
        } else {
            end(op, Phase.SUCCEEDED, AuditDecision.SUCCEEDED, "all " + op.steps.size() + " steps done", now);
        }
    }

    private void end(Operation op, Phase phase, AuditDecision decision, String reason, Instant now) {
        op.phase = phase;
        op.endReason = reason;
        op.nextTickAt = now;
        metrics.ended(op.kind, phase);
        journal.record(op, OperationJournal.ENGINE, null, decision, phase.name().toLowerCase().replace('_', '-'), reason, now);
    }

    /** An exception's message and, when it says more, its root cause's (a refused connection, an unknown host). */
    static String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
