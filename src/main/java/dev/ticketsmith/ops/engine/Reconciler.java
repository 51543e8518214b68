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
 * transaction and at most once per tick, a bounded number per tick. Runs on every replica; row
 * locks keep them apart. An operation whose reconcile fails to commit is skipped for the rest of
 * the tick, so it cannot starve the others.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final int MAX_PER_TICK = 50;

    private final OperationStepper stepper;

    Reconciler(OperationStepper stepper, EngineSettings settings) {
        this.stepper = stepper;
        LOG.infof("Reconcile tick every %s", settings.tickEvery());
    }

    /** One tick; returns how many operations it advanced. */
    public int tick() {
        Set<UUID> attempted = new HashSet<>();
        int advanced = 0;
        for (int round = 0; round < MAX_PER_TICK; round++) {
            int claimed = attempted.size();
            try {
                if (!stepper.advanceNextDue(attempted)) {
                    break;
                }
                advanced++;
            } catch (RuntimeException e) {
                LOG.errorf("Advancing an operation failed and was rolled back; it is retried next tick: %s", e.toString());
                if (attempted.size() == claimed) {
                    break; // nothing was claimed: the database itself is failing, wait for the next tick
                }
            }
        }
        return advanced;
    }

    @Scheduled(every = "${ticketsmith.engine.tick-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduledTick() {
        tick();
    }
}
