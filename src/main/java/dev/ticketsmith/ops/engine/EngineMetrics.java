package dev.ticketsmith.ops.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * What the engine counts as it goes, on the replica that does it (sum these across replicas):
 * how long each step took from its start to its end ({@code ticketsmith_operation_step_duration_seconds}),
 * how long one reconcile call took ({@code ticketsmith_operation_reconcile_seconds}) and how
 * operations ended ({@code ticketsmith_operations_ended_total}). Recorded as the step's transaction
 * is about to commit: a commit that fails afterwards leaves one sample too many.
 */
@ApplicationScoped
public class EngineMetrics {

    private static final Duration[] STEP_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)};

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A step ended ({@code result} {@code done} or {@code failed}) after {@code took}, from its start. */
    void stepEnded(String kind, String step, String result, Duration took) {
        Timer.builder("ticketsmith.operation.step.duration")
                .description("Time from a step's start to its end, by operation kind and step type")
                .tag("kind", kind).tag("step", step).tag("result", result)
                .serviceLevelObjectives(STEP_BUCKETS)
                .register(registry).record(took.isNegative() ? Duration.ZERO : took);
    }

    /** One call of a step's reconcile took {@code nanos}. */
    void reconciled(String kind, String step, long nanos) {
        Timer.builder("ticketsmith.operation.reconcile")
                .description("Time of one reconcile of a step (its outside calls), by operation kind and step type")
                .tag("kind", kind).tag("step", step)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** An operation reached its end phase ({@code succeeded}, {@code failed}, {@code rolled_back}, {@code aborted}). */
    void ended(String kind, Phase outcome) {
        Counter.builder("ticketsmith.operations.ended")
                .description("Operations that ended, by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }
}
