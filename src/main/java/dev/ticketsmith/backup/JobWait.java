package dev.ticketsmith.backup;

import dev.ticketsmith.jobs.Job;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A step's long work as a {@link Jobs job}: submitted once (its id recorded in a handle, in the
 * step's transaction, so a repeated reconcile finds it instead of starting another), then waited
 * on, one reconcile at a time.
 */
final class JobWait {

    static final Duration POLL = Duration.ofSeconds(2);

    private JobWait() {
    }

    static StepResult run(StepContext ctx, Jobs jobs, String handle, Supplier<UUID> submit, Function<Job, StepResult> onSuccess) {
        var recorded = ctx.handle(handle);
        if (recorded.isEmpty()) {
            UUID id = submit.get();
            ctx.putHandle(handle, id.toString());
            return StepResult.waitFor(Duration.ofSeconds(1), null);
        }
        Job job = jobs.find(UUID.fromString(recorded.get())).orElse(null);
        if (job == null) {
            return StepResult.fail("its job " + recorded.get() + " is gone");
        }
        if (job.failed()) {
            return StepResult.fail(job.error());
        }
        if (job.succeeded()) {
            return onSuccess.apply(job);
        }
        return StepResult.waitFor(POLL, job.progress() == null ? "queued" : job.progress() + (job.attempt() > 1 ? " (attempt " + job.attempt() + ")" : ""));
    }

    static long millis(Map<String, String> result, String key) {
        String value = result.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}
