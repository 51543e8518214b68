package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.RestoreTestRuns;
import dev.ticketsmith.backup.RestoreTestRuns.Run;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.RestoreTestSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code db.report}: the figures of a restore (each phase's time) or, for a restore test, its run
 * recorded in {@code restore_test_run} with one row per check, and its report queued for the test's
 * channel in the same transaction (posted once, whichever replica posts it). On a restore test's
 * rollback path the report says it failed, and why, and mentions on-call.
 */
@Singleton
public class ReportStep extends DatabaseStep {

    static final int TREND = 5;

    private final RestoreTestRuns runs;
    private final ChannelAnnouncements announcements;

    ReportStep(Catalog catalog, DatabaseProviders providers, RestoreTestRuns runs, ChannelAnnouncements announcements) {
        super(catalog, providers);
        this.runs = runs;
        this.announcements = announcements;
    }

    @Override
    public String type() {
        return "db.report";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        if (ctx.handle(RestoreHandles.REPORTED).isPresent()) {
            return StepResult.done("reported");
        }
        Map<String, String> handles = ctx.handles();
        if (!DbPlan.RESTORE_TEST.equals(ctx.kind())) {
            RestoreFigures f = RestoreFigures.of(handles, ctx.now(), provider.pricePerHour(db), Duration.ZERO);
            ctx.putHandle(RestoreHandles.REPORTED, ctx.now().toString());
            return StepResult.done("provisioning " + time(f.provisionMs()) + ", restore " + time(f.restoreMs()) + ", validation "
                    + time(f.validationMs()) + ", cut-over " + time(f.cutoverMs()));
        }
        RestoreTestSpec test = db.restoreTest().orElseThrow(() -> new IllegalStateException(db.name() + " has no restoreTest any more"));
        boolean passed = !ctx.rollingBack() && "true".equals(handles.get(RestoreHandles.PASSED));
        String failure = ctx.rollbackReason().orElse(null);
        RestoreFigures figures = RestoreFigures.of(handles, ctx.now(), provider.pricePerHour(db), test.keepFor());
        BackupRef backup = BackupRef.fromHandles(handles, RestoreHandles.BACKUP);
        Run run = new Run(0, db.name(), UUID.fromString(ctx.operationId()), backup == null ? null : backup.location(), passed,
                figures.provisionMs(), figures.restoreMs(), figures.validationMs(), figures.rtoMs(),
                figures.rpo() == null ? null : figures.rpo().toSeconds(), figures.costUsd(), failure, ctx.createdAt(), ctx.now());
        runs.record(run, RestoreTestReport.checks(handles));
        List<Run> trend = new ArrayList<>(runs.latest(db.name(), TREND));
        announcements.announce(test.channel(), RestoreTestReport.text(db, ctx.operationId(), handles, passed, failure, figures, trend, ctx.now()));
        ctx.putHandle(RestoreHandles.REPORTED, ctx.now().toString());
        return StepResult.done((passed ? "passed" : "failed") + ", RTO " + time(figures.rtoMs()) + "; report posted to <#" + test.channel() + ">");
    }

    private static String time(Long ms) {
        return ms == null ? "–" : Sizes.millis(ms);
    }
}
