package dev.ticketsmith.dr;

import dev.ticketsmith.backup.PreflightCheck;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.config.DrSettings;
import dev.ticketsmith.db.ScheduledFires;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * The daily DR check ({@code ticketsmith.dr.check-cron}, 08:00 UTC by default): each database's DR
 * status, posted to its channel (the restore test's, else the environment's) only when something is
 * out of line. Once per fire time across replicas, like the catalogue's schedules.
 */
@ApplicationScoped
public class DrCheck {

    private static final Logger LOG = Logger.getLogger(DrCheck.class);
    static final String JOB = "dr-check";

    private final Catalog catalog;
    private final DrStatus status;
    private final ChannelAnnouncements announcements;
    private final ScheduledFires fires;
    private final Clock clock;

    DrCheck(Catalog catalog, DrStatus status, ChannelAnnouncements announcements, ScheduledFires fires, Clock clock, DrSettings settings) {
        this.catalog = catalog;
        this.status = status;
        this.announcements = announcements;
        this.fires = fires;
        this.clock = clock;
        LOG.debugf("DR check on %s", settings.checkCron());
    }

    @Scheduled(cron = "${ticketsmith.dr.check-cron:0 0 8 * * ?}", timeZone = "${ticketsmith.schedules.time-zone:UTC}",
            identity = JOB, skipExecutionIf = SchemaNotReady.class)
    void scheduled(ScheduledExecution execution) {
        run(execution.getScheduledFireTime());
    }

    /** Checks every database for the fire time, unless a replica already has; returns how many were posted. */
    public int run(Instant fireTime) {
        Instant at = fireTime.truncatedTo(ChronoUnit.SECONDS);
        if (!fires.claim(JOB, at)) {
            return 0;
        }
        int posted = 0;
        for (DatabaseSpec db : catalog.databases().values()) {
            DrStatus.Report report = status.of(db, clock.instant());
            if (report.outOfLine()) {
                String channel = db.reportChannel().orElse(catalog.environment(db.environment()).orElseThrow().channel());
                String text = ":rotating_light: *DR check: `" + db.name() + "` is out of line*\n" + report.findings().stream()
                        .filter(PreflightCheck::failed).map(PreflightCheck::line).collect(Collectors.joining("\n"))
                        + "\n`/ticketsmith dr " + db.name() + "` shows the rest.";
                QuarkusTransaction.requiringNew().run(() -> announcements.announce(channel, text));
                posted++;
            }
        }
        LOG.debugf("DR check at %s: %d databases out of line", at, posted);
        return posted;
    }
}
