package dev.ticketsmith.ops.promote;

import dev.ticketsmith.catalog.AnalysisSpec;
import dev.ticketsmith.ops.engine.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The release's metric checks, read at most once per {@code analysis.interval} during traffic
 * steps. A value outside its bounds fails. No data is not a pass: a query that returns nothing (or
 * {@code NaN}) has {@code noDataLimit} consecutive reads to produce a number, during which no hold
 * completes and no more traffic moves, and then fails, unless it says {@code onNoData: pass}.
 * Several series fail at once: a check needs one number. Prometheus being unreachable is an error
 * the engine retries, not a verdict on the canary.
 */
@ApplicationScoped
public class PrometheusAnalysis {

    static final String LAST_READ = "analysis.lastRead";
    static final String NO_DATA = "analysis.noData.";

    /** What the checks say now. */
    public sealed interface Verdict permits Pass, NoDataYet, Fail {
    }

    /** Every check has a number within its bounds (or there are no checks). */
    public record Pass() implements Verdict {
    }

    /** Some check has had no data, fewer times in a row than its limit. */
    public record NoDataYet(String reason) implements Verdict {
    }

    /** A check failed. */
    public record Fail(String reason) implements Verdict {
    }

    private final PrometheusClient prometheus;

    PrometheusAnalysis(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /** Reads the checks if they are due (recording what was read), otherwise judges by the last reads. */
    public Verdict check(ReleaseSpec spec, StepContext ctx) {
        if (spec.prometheusUrl() == null || spec.queries().isEmpty()) {
            return new Pass();
        }
        boolean due = ctx.handle(LAST_READ).map(at -> !Duration.between(Instant.parse(at), ctx.now()).minus(spec.analysisInterval()).isNegative())
                .orElse(true);
        List<String> waiting = new ArrayList<>();
        for (ReleaseSpec.FrozenQuery q : spec.queries()) {
            int streak = Integer.parseInt(ctx.handle(NO_DATA + q.name()).orElse("0"));
            if (due) {
                PrometheusClient.Reading reading = prometheus.read(spec.prometheusUrl(), q.query());
                if (reading.series() > 1) {
                    return new Fail(q.name() + " returned " + reading.series() + " series; a check needs one number: aggregate the query"
                            + " (sum, max, avg …)");
                }
                if (reading.value() != null) {
                    ctx.putHandle(NO_DATA + q.name(), "0");
                    String outOfBounds = bounds(q, reading.value());
                    if (outOfBounds != null) {
                        return new Fail(outOfBounds);
                    }
                    continue;
                }
                streak = q.onNoData() == AnalysisSpec.NoData.PASS ? 0 : streak + 1;
                ctx.putHandle(NO_DATA + q.name(), Integer.toString(streak));
                if (streak >= q.noDataLimit()) {
                    return new Fail(q.name() + " returned no data " + streak + " times in a row (is the query right? a metric that only"
                            + " exists once something goes wrong needs `or vector(0)` or onNoData: pass)");
                }
            }
            if (streak > 0) {
                waiting.add(q.name() + " has no data yet (" + streak + "/" + q.noDataLimit() + ")");
            }
        }
        if (due) {
            ctx.putHandle(LAST_READ, ctx.now().toString());
        }
        return waiting.isEmpty() ? new Pass() : new NoDataYet(String.join(", ", waiting));
    }

    private static String bounds(ReleaseSpec.FrozenQuery q, double v) {
        if (q.max() != null && v > q.max()) {
            return q.name() + " is " + v + ", above " + q.max();
        }
        if (q.min() != null && v < q.min()) {
            return q.name() + " is " + v + ", below " + q.min();
        }
        return null;
    }
}
