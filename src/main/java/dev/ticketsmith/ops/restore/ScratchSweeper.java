package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.config.SweepSettings;
import dev.ticketsmith.db.ScheduledFires;
import dev.ticketsmith.db.SchemaNotReady;
import io.quarkus.scheduler.ScheduledExecution;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes scratch copies restore tests left behind (a replica lost mid-run, a cleanup that failed):
 * copies named ({@code <db>_rt_<time>}) or tagged ({@code ticketsmith:purpose=restore-test}) by
 * TICKETSMITH, older than the test's {@code keepFor} plus an hour, that no active restore test owns.
 * Nothing else is ever removed.
 */
@ApplicationScoped
public class ScratchSweeper {

    private static final Logger LOG = Logger.getLogger(ScratchSweeper.class);
    static final Duration GRACE = Duration.ofHours(1);

    private final Catalog catalog;
    private final DatabaseProviders providers;
    private final Clock clock;
    private final ScheduledFires fires;
    private final String every;

    ScratchSweeper(Catalog catalog, DatabaseProviders providers, Clock clock, ScheduledFires fires, SweepSettings settings) {
        this.fires = fires;
        this.every = settings.scratchEvery();
        this.catalog = catalog;
        this.providers = providers;
        this.clock = clock;
    }

    @Scheduled(every = "${ticketsmith.sweeps.scratch-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduled(ScheduledExecution execution) {
        if (fires.claimPeriod("sweep:scratch-copies", every, execution.getScheduledFireTime())) {
            sweep();
        }
    }

    /** Removes leftovers now; returns their names. */
    public List<String> sweep() {
        List<String> removed = new ArrayList<>();
        for (DatabaseSpec db : catalog.databases().values()) {
            if (db.restoreTest().isEmpty()) {
                continue;
            }
            try {
                Map<String, Instant> copies = providers.of(db).scratchCopies(db);
                if (copies.isEmpty()) {
                    continue;
                }
                Set<String> owned = owned(db);
                Instant cutoff = clock.instant().minus(db.restoreTest().get().keepFor()).minus(GRACE);
                for (var copy : copies.entrySet()) {
                    if (!owned.contains(copy.getKey()) && copy.getValue().isBefore(cutoff)) {
                        providers.of(db).removeLeftover(db, copy.getKey());
                        LOG.warnf("Removed %s, a scratch copy of %s that a restore test left behind (made %s)", copy.getKey(), db.name(), copy.getValue());
                        removed.add(copy.getKey());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("Sweeping the scratch copies of %s failed: %s", db.name(), e.getMessage());
            }
        }
        return removed;
    }

    /** The copies active restore tests of the database are working on. */
    private Set<String> owned(DatabaseSpec db) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find("target = :target AND phase IN :phases",
                        Parameters.with("target", DbPlan.testTarget(db.name())).and("phases", Phase.ACTIVE)).list().stream()
                .map(op -> op.context.get(DbPlan.COPY)).collect(Collectors.toSet()));
    }
}
