package dev.ticketsmith.dr;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.PreflightCheck;
import dev.ticketsmith.backup.RestoreTestRuns;
import dev.ticketsmith.backup.RestoreTestRuns.Run;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.RestoreTestSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Disaster-recovery status of a database: its newest backup's age against the RPO target, its
 * provider's own backups and encryption at rest (from the provider), and its restore tests: the
 * last one that passed and how old it is against the schedule, and whether the latest failed.
 */
@ApplicationScoped
public class DrStatus {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final DatabaseProviders providers;
    private final RestoreTestRuns runs;

    DrStatus(DatabaseProviders providers, RestoreTestRuns runs) {
        this.providers = providers;
        this.runs = runs;
    }

    /** A database's findings; it is out of line when any failed. */
    public record Report(DatabaseSpec database, List<PreflightCheck> findings) {

        public boolean outOfLine() {
            return findings.stream().anyMatch(PreflightCheck::failed);
        }
    }

    public Report of(DatabaseSpec db, Instant now) {
        List<PreflightCheck> findings = new ArrayList<>();
        try {
            findings.addAll(providers.of(db).drChecks(db, now));
        } catch (RuntimeException e) {
            findings.add(PreflightCheck.unknown("backups", "could not be checked: " + e.getMessage()));
        }
        findings.addAll(restoreTests(db, now));
        return new Report(db, findings);
    }

    private List<PreflightCheck> restoreTests(DatabaseSpec db, Instant now) {
        if (db.restoreTest().isEmpty()) {
            return List.of(PreflightCheck.failed("restore test", "none configured: nothing proves these backups restore"));
        }
        RestoreTestSpec test = db.restoreTest().get();
        List<PreflightCheck> findings = new ArrayList<>();
        List<Run> latest = runs.latest(db.name(), 1);
        Optional<Run> passed = runs.lastPassed(db.name());
        Duration allowed = interval(test.schedule(), now).multipliedBy(2).plusHours(1);
        if (passed.isEmpty()) {
            findings.add(PreflightCheck.failed("last passing restore test", latest.isEmpty() ? "never run" : "none has passed yet"));
        } else {
            Duration age = Duration.between(passed.get().endedAt(), now);
            String detail = Sizes.duration(age) + " ago" + (passed.get().rtoMs() == null ? "" : ", RTO " + Sizes.millis(passed.get().rtoMs()));
            findings.add(age.compareTo(allowed) <= 0 ? PreflightCheck.ok("last passing restore test", detail)
                    : PreflightCheck.failed("last passing restore test", detail + ": older than two scheduled runs"));
        }
        if (!latest.isEmpty() && !latest.get(0).passed()) {
            findings.add(PreflightCheck.failed("latest restore test", "failed " + Sizes.duration(Duration.between(latest.get(0).endedAt(), now))
                    + " ago: " + Optional.ofNullable(latest.get(0).failure()).orElse("see its report")));
        }
        return findings;
    }

    /** The time between two scheduled runs around now (a day for a daily cron). */
    static Duration interval(String cron, Instant now) {
        try {
            ExecutionTime times = ExecutionTime.forCron(CRON.parse(cron));
            ZonedDateTime at = now.atZone(ZoneOffset.UTC);
            Optional<ZonedDateTime> next = times.nextExecution(at);
            Optional<ZonedDateTime> after = next.flatMap(times::nextExecution);
            if (next.isPresent() && after.isPresent()) {
                return Duration.between(next.get(), after.get());
            }
        } catch (IllegalArgumentException e) {
            // validated with the catalogue; fall back to a day
        }
        return Duration.ofDays(1);
    }
}
