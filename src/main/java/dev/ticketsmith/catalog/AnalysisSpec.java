package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The health checks made on the canary during every step; any failure rolls the release back.
 *
 * @param maxRestarts how many container restarts of canary pods are tolerated
 * @param maxUnwatched how long the canary may carry traffic without a health check (every replica
 *     of the bot down, say) before the promotion rolls back instead of resuming
 * @param interval how often the metric queries are read during a traffic step (also at the start of each)
 * @param prometheus metric queries that must stay within bounds, if any
 */
public record AnalysisSpec(@Default("0") int maxRestarts, @Default("1m") Duration maxUnwatched, @Default("15s") Duration interval,
                           Optional<Prometheus> prometheus) {

    /**
     * A Prometheus server and the queries evaluated against it.
     *
     * @param url the server's base URL, such as {@code http://prometheus.monitoring.svc:9090}
     * @param queries the checks; each must return a single number
     */
    public record Prometheus(@Required String url, List<MetricQuery> queries) {
    }

    /**
     * One metric check. The query is a template with the same placeholders as the smoke URL.
     *
     * @param name a short label shown in Slack, such as {@code error rate}
     * @param query the PromQL query; it must return one number (aggregate with {@code sum}, {@code max}, ...)
     * @param max the highest acceptable value
     * @param min the lowest acceptable value
     * @param onNoData what an empty result or {@code NaN} means: {@code fail} (after {@code noDataLimit}
     *     consecutive reads without data; meanwhile no hold completes) or {@code pass}
     * @param noDataLimit how many consecutive reads without data fail the check
     */
    public record MetricQuery(@Required String name, @Required String query, Optional<Double> max, Optional<Double> min,
                              @Default("fail") NoData onNoData, @Default("3") int noDataLimit) {
    }

    /** What a query that returns nothing (or {@code NaN}) means. */
    public enum NoData {
        /** No data is not a pass: the check fails once it has had no data {@code noDataLimit} times in a row. */
        FAIL,
        /** No data counts as within bounds (a metric that only exists once something goes wrong). */
        PASS
    }
}
