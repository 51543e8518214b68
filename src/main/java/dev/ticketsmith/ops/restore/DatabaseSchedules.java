package dev.ticketsmith.ops.restore;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.db.ScheduledFires;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.ops.engine.OperationJournal;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.ticketsmith.config.ScheduleSettings;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue's schedules, one Quarkus cron job per database and kind: {@code pgdump.backup.schedule}
 * (a dump, then pruning to {@code keep}) and {@code restoreTest.schedule}. Every replica runs the
 * same crons; each fire time runs once across them all: the first replica to insert
 * {@code (job, fire time)} into {@code scheduled_fire} starts the operation in that transaction, the
 * others find the row and do nothing.
 */
@ApplicationScoped
public class DatabaseSchedules {

    private static final Logger LOG = Logger.getLogger(DatabaseSchedules.class);
    /** Who scheduled operations are requested by, in the audit trail. */
    public static final String SCHEDULER = OperationJournal.ENGINE;

    private final Catalog catalog;
    private final DatabaseOperations operations;
    private final ScheduledFires fires;
    private final Scheduler scheduler;
    private final ChannelAnnouncements announcements;
    private final String timeZone;
    private final boolean enabled;
    private final List<String> registered = new ArrayList<>();

    DatabaseSchedules(Catalog catalog, DatabaseOperations operations, ScheduledFires fires, Scheduler scheduler, ChannelAnnouncements announcements,
                      ScheduleSettings settings) {
        this.catalog = catalog;
        this.operations = operations;
        this.fires = fires;
        this.scheduler = scheduler;
        this.announcements = announcements;
        this.timeZone = settings.timeZone();
        this.enabled = settings.enabled();
    }

    void register(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.debug("Database schedules are off on this replica (ticketsmith.schedules.enabled=false)");
            return;
        }
        for (DatabaseSpec db : catalog.databases().values()) {
            db.pgdump().flatMap(p -> p.backup()).ifPresent(b -> schedule(backupJob(db.name()), b.schedule()));
            db.restoreTest().ifPresent(t -> schedule(restoreTestJob(db.name()), t.schedule()));
        }
        if (!registered.isEmpty()) {
            LOG.infof("Scheduled %d database jobs (%s, time zone %s)", registered.size(), String.join(", ", registered), timeZone);
        }
    }

    /** Schedules one job on a cron (public for tests, which turn the catalogue's schedules off and schedule their own). */
    public void schedule(String job, String cron) {
        scheduler.newJob(job).setCron(cron).setTimeZone(timeZone).setSkipPredicate(SchemaNotReady.class)
                .setTask(execution -> fire(job, execution.getScheduledFireTime())).schedule();
        registered.add(job);
    }

    public static String backupJob(String database) {
        return "backup:" + database;
    }

    public static String restoreTestJob(String database) {
        return "restore-test:" + database;
    }

    /**
     * Runs a job's fire time unless a replica already has; returns whether this call ran it. The
     * fire time is the scheduled one (the same on every replica), truncated to the second.
     */
    public boolean fire(String job, Instant scheduledAt) {
        Instant at = scheduledAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!fires.claim(job, at)) {
                    return false;
                }
                start(job);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.errorf("The scheduled %s at %s could not be started: %s", job, at, e.toString());
            return false;
        }
    }

    private void start(String job) {
        String database = job.substring(job.indexOf(':') + 1);
        DatabaseSpec db = catalog.database(database).orElse(null);
        if (db == null) {
            LOG.warnf("Scheduled %s: the database is no longer in the catalogue", job);
            return;
        }
        boolean test = job.startsWith("restore-test:");
        StartResult result = test ? operations.restoreTest(db, "scheduled", SCHEDULER, "schedule")
                : operations.backup(db, "scheduled", SCHEDULER, "schedule");
        if (result instanceof StartResult.Locked locked) {
            String text = ":warning: The scheduled " + (test ? "restore test" : "backup") + " of `" + db.name() + "` did not start: "
                    + locked.holder().kind + " `" + locked.holder().id + "` is still running.";
            LOG.warnf("Scheduled %s skipped: %s %s is still running", job, locked.holder().kind, locked.holder().id);
            String channel = db.reportChannel().orElse(catalog.environment(db.environment()).orElseThrow().channel());
            announcements.announce(channel, text);
        }
    }

    /** The jobs this replica scheduled. */
    public List<String> registered() {
        return List.copyOf(registered);
    }
}
