package dev.ticketsmith.ops.restore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.DatabaseProvider.DriftRow;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.RestoreTestRuns.Run;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.backup.ValidationJob.Check;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.Principals;
import dev.ticketsmith.catalog.RestoreTestSpec;
import dev.ticketsmith.slack.Blocks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The restore-test report posted to the test's channel: verdict, RTO and RPO against targets, backup, checks, drift, trend, cost. */
final class RestoreTestReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestoreTestReport() {
    }

    static String text(DatabaseSpec db, String operationId, Map<String, String> handles, boolean passed, String failure,
                       RestoreFigures figures, List<Run> trend, Instant now) {
        RestoreTestSpec test = db.restoreTest().orElseThrow();
        List<String> lines = new ArrayList<>();
        lines.add((passed ? ":white_check_mark: *Restore test of `" + db.name() + "` passed*" : ":x: *Restore test of `" + db.name() + "` FAILED*")
                + " (" + db.provider().name().toLowerCase(Locale.ROOT) + ", " + db.environment() + ")");
        if (!passed) {
            lines.add("*Why:* " + Blocks.escape(Blocks.clip(failure == null ? "unknown" : failure, 600)) + mention(test.oncall()));
        }
        lines.add("*RTO:* " + (figures.rtoMs() == null ? "not reached" : Sizes.millis(figures.rtoMs())
                + test.rto().map(t -> against(figures.rtoMs() <= t.toMillis(), t)).orElse(""))
                + " = provisioning " + part(figures.provisionMs()) + " + restore " + part(figures.restoreMs())
                + " + validation " + part(figures.validationMs()));
        lines.add("*RPO:* " + (figures.rpo() == null ? "unknown" : Sizes.duration(figures.rpo()) + " (newest data " + figures.dataAsOf() + ")"
                + test.rpo().map(t -> against(figures.rpo().compareTo(t) <= 0, t)).orElse("")));
        BackupRef backup = BackupRef.fromHandles(handles, RestoreHandles.BACKUP);
        lines.add("*Backup:* " + (backup == null ? "none found" : "`" + backup.id() + "`, " + Sizes.bytes(backup.sizeBytes()) + ", "
                + Sizes.duration(backup.age(now)) + " old" + (backup.sha256() == null ? "" : ", SHA-256 verified")));
        String copy = handles.getOrDefault(RestoreHandles.COPY_DATABASE, null);
        if (copy != null) {
            lines.add("*Scratch copy:* `" + copy + "`" + (test.keepFor().isZero() ? ", removed now" : ", kept " + Sizes.duration(test.keepFor())
                    + " for inspection, then removed"));
        }
        List<Check> checks = checks(handles);
        if (!checks.isEmpty()) {
            lines.add("*Checks:*");
            for (Check c : checks) {
                lines.add((c.passed() ? "  :white_check_mark: " : "  :x: ") + Blocks.escape(c.name()) + ": expected " + Blocks.escape(c.expected())
                        + ", got " + Blocks.escape(Blocks.clip(c.actual(), 200)));
            }
        }
        List<DriftRow> drift = drift(handles);
        if (!drift.isEmpty()) {
            lines.add("*Configuration, source → restored copy:*");
            for (DriftRow row : drift) {
                lines.add("  " + (row.differs() ? ":warning: " : "• ") + row.setting() + ": " + row.source()
                        + (row.differs() ? " → " + row.restored() : " (same)"));
            }
        }
        if (!trend.isEmpty()) {
            List<String> runs = new ArrayList<>();
            for (Run run : trend) {
                runs.add((run.passed() ? "✅ " : "❌ ") + (run.rtoMs() == null ? "–" : Sizes.millis(run.rtoMs())));
            }
            lines.add("*Trend (RTO, newest first):* " + String.join(" · ", runs));
        }
        lines.add("*Cost:* " + (figures.costUsd() == null ? "not priced (set pricePerHour)"
                : String.format(Locale.ROOT, "$%.2f", figures.costUsd()) + " (" + String.format(Locale.ROOT, "%.2f", figures.copyLifetime().toSeconds() / 3600.0)
                + " instance-hours)"));
        lines.add("_operation `" + operationId + "`_");
        return String.join("\n", lines);
    }

    private static String against(boolean met, Duration target) {
        return met ? " (target " + Sizes.duration(target) + " :white_check_mark:)" : " (target " + Sizes.duration(target) + " :x: missed)";
    }

    private static String part(Long ms) {
        return ms == null ? "–" : Sizes.millis(ms);
    }

    static String mention(Principals oncall) {
        List<String> who = new ArrayList<>();
        oncall.users().forEach(u -> who.add("<@" + u + ">"));
        oncall.groups().forEach(g -> who.add("<!subteam^" + g + ">"));
        return who.isEmpty() ? "" : "\n" + String.join(" ", who) + " please look.";
    }

    static List<Check> checks(Map<String, String> handles) {
        String json = handles.get(RestoreHandles.CHECKS);
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Check>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }

    static List<DriftRow> drift(Map<String, String> handles) {
        String json = handles.get(RestoreHandles.DRIFT);
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<DriftRow>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }
}
