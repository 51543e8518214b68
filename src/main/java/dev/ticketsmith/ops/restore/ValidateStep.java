package dev.ticketsmith.ops.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.backup.CopyAddress;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.RestoreTestRuns;
import dev.ticketsmith.backup.ValidationJob;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.jobs.Job;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code db.validate}: the database's validation pack against the new copy, as a job. A failed check
 * fails the step with every failed check named (expected against actual); the current database is
 * untouched, since nothing has been cut over yet.
 */
@Singleton
public class ValidateStep extends DatabaseStep {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jobs jobs;
    private final RestoreTestRuns runs;

    ValidateStep(Catalog catalog, DatabaseProviders providers, Jobs jobs, RestoreTestRuns runs) {
        super(catalog, providers);
        this.jobs = jobs;
        this.runs = runs;
    }

    @Override
    public String type() {
        return "db.validate";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        var recorded = ctx.handle(RestoreHandles.VALIDATION_JOB);
        if (recorded.isEmpty()) {
            CopyAddress copy = provider.address(ctx, db, copy(ctx));
            Map<String, String> params = new HashMap<>();
            params.put("database", db.name());
            params.put("operation", ctx.operationId());
            params.put("host", copy.host());
            params.put("port", Integer.toString(copy.port()));
            params.put("into", copy.database());
            params.put("amcheck", Boolean.toString(db.provider() == DatabaseSpec.Provider.PGDUMP));
            try {
                params.put("previous", JSON.writeValueAsString(runs.lastPassingValues(db.name())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ctx.putHandle(RestoreHandles.VALIDATION_JOB, jobs.submit("restore.validate", params).toString());
            return StepResult.waitFor(Duration.ofSeconds(1), "validating " + copy);
        }
        Job job = jobs.find(UUID.fromString(recorded.get())).orElse(null);
        if (job == null) {
            return StepResult.failed("the validation job is gone");
        }
        if (job.failed()) {
            return StepResult.failed("validation could not run: " + job.error());
        }
        if (!job.succeeded()) {
            return StepResult.waitFor(Duration.ofSeconds(2), job.progress() == null ? "validation queued" : "validating: " + job.progress());
        }
        Map<String, String> result = job.result();
        ctx.putHandle(RestoreHandles.CHECKS, result.get("checks"));
        ctx.putHandle(RestoreHandles.PASSED, result.get("passed"));
        ctx.putHandle(RestoreHandles.VALIDATION_MS, result.get("validationMs"));
        if (result.containsKey("dataTime")) {
            ctx.putHandle(RestoreHandles.DATA_TIME, result.get("dataTime"));
        }
        List<ValidationJob.Check> checks = ValidationJob.checks(result);
        List<ValidationJob.Check> failed = checks.stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty()) {
            return StepResult.failed(failed.size() + " of " + checks.size() + " checks failed: " + failed.stream()
                    .map(c -> c.name() + " (expected " + c.expected() + ", got " + c.actual() + ")").collect(Collectors.joining("; ")));
        }
        return StepResult.done(checks.isEmpty() ? "the copy answers (no checks configured)" : "all " + checks.size() + " checks passed");
    }
}
