package dev.ticketsmith.ops.engine;

import dev.ticketsmith.config.EngineSettings;
import dev.ticketsmith.db.SchemaNotReady;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The reconcile tick: advances every due operation by one step reconcile, each in its own
 * transaction and at most once per tick (database operations: again, a few times, while each step
 * finishes at once), a bounded number per tick. Runs on every replica; row
 * locks keep them apart. An operation whose reconcile fails to commit is skipped for the rest of
 * the tick, so it cannot starve the others, and the failure is counted against it like a step that
 * threw.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final int MAX_PER_TICK = 50;
    /** How many more steps one operation may take within a tick after its first. */
    static final int MAX_CHAINED = 10;

    private final OperationStepper stepper;
    private final boolean ticking;

    Reconciler(OperationStepper stepper, EngineSettings settings) {
        this.stepper = stepper;
        this.ticking = !"off".equals(settings.tickEvery()) && !"disabled".equals(settings.tickEvery());
        LOG.infof("Reconcile tick every %s", settings.tickEvery());
    }

    /** One tick; returns how many operations it advanced. */
    public int tick() {
        try (var fresh = dev.ticketsmith.logging.LogContext.fresh()) {
            return tickRounds();
        }
    }

    private int tickRounds() {
        Set<UUID> attempted = new HashSet<>();
        java.util.Map<UUID, Integer> chained = new java.util.HashMap<>();
        int advanced = 0;
        for (int round = 0; round < MAX_PER_TICK; round++) {
            Set<UUID> before = Set.copyOf(attempted);
            Set<UUID> again = new HashSet<>();
            try {
                if (!stepper.advanceNextDue(attempted, again)) {
                    break;
                }
                advanced++;
                for (UUID id : again) { // its next step is due now: it may be claimed again this tick, a few times at most
                    if (chained.merge(id, 1, Integer::sum) <= MAX_CHAINED) {
                        attempted.remove(id);
                    }
                }
            } catch (RuntimeException e) {
                if (attempted.size() == before.size()) {
                    LOG.errorf("Claiming an operation failed; trying again next tick: %s", e.toString());
                    break; // nothing was claimed: the database itself is failing, wait for the next tick
                }
                UUID failed = attempted.stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
                try (var logged = dev.ticketsmith.logging.LogContext.with(OperationStepper.MDC_OPERATION_ID, failed.toString())) {
                    LOG.errorf("A reconcile of operation %s could not be committed and was rolled back: %s", failed, rootCause(e));
                    countFailure(failed, rootCause(e));
                }
            }
        }
        return advanced;
    }

    /**
     * A reconcile whose transaction failed to commit left no trace of its own (its error count
     * rolled back with it): count it in a transaction of its own, so a step whose outcome can never
     * be recorded stops repeating its effects after a bounded number of tries.
     */
    private void countFailure(UUID id, String why) {
        try {
            stepper.countFailedCommit(id, why);
        } catch (RuntimeException e) {
            LOG.errorf("Counting the failed reconcile of operation %s failed too: %s", id, e.toString());
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A job ended here: the operation it made due goes on now, not at the next tick (where ticks run at all). */
    void onJobEnded(@jakarta.enterprise.event.ObservesAsync dev.ticketsmith.jobs.JobEnded ended) {
        if (ticking) {
            tick();
        }
    }

    /** An operation was requested: its first step runs now, not at the next tick (where ticks run at all). */
    void onRequested(@jakarta.enterprise.event.ObservesAsync OperationRequested requested) {
        if (ticking) {
            tick();
        }
    }

    @Scheduled(every = "${ticketsmith.engine.tick-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduledTick() {
        tick();
    }
}
