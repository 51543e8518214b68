package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The health checks made on the canary during every step; any failure aborts the release.
 *
 * @param maxRestarts how many container restarts of canary pods are tolerated
 * @param maxUnwatched how long the canary may carry traffic without a health check (every replica
 *     of the bot down, say) before the promotion rolls back instead of resuming
 * @param prometheus metric queries that must stay within bounds, if any
 */
public record AnalysisSpec(@Default("0") int maxRestarts, @Default("1m") Duration maxUnwatched, Optional<Prometheus> prometheus) {

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
     * @param query the PromQL query
     * @param max the highest acceptable value
     * @param min the lowest acceptable value
     */
    public record MetricQuery(@Required String name, @Required String query, Optional<Double> max, Optional<Double> min) {
    }
}
