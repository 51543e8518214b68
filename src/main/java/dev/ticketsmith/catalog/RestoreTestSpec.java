package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A scheduled restore test: restore the latest backup to a scratch database, run the validation
 * queries, report to Slack and clean up.
 *
 * @param schedule when to run, as a Quarkus cron expression with 6 or 7 fields
 * @param channel the Slack channel id the report goes to
 * @param keepFor how long the scratch copy is kept for inspection (0: removed at once); it is removed even after a failure
 * @param rto the target restore time; the report says whether it was met
 * @param rpo the target maximum data age; the report says whether it was met
 * @param oncall who is mentioned when the test fails
 * @param validation the queries run against the restored copy
 */
public record RestoreTestSpec(
        @Required String schedule,
        @Required String channel,
        @Default("0s") Duration keepFor,
        Optional<Duration> rto,
        Optional<Duration> rpo,
        Principals oncall,
        List<ValidationQuery> validation) {

    /**
     * One check on the restored copy; the query returns a single value.
     *
     * @param name a short label shown in the report
     * @param sql the query
     * @param min the lowest acceptable number
     * @param max the highest acceptable number
     * @param maxAge for a timestamp result, how old it may be when the test runs
     * @param compareWithPrevious whether the value must equal the previous test's value
     */
    public record ValidationQuery(
            @Required String name,
            @Required String sql,
            Optional<Double> min,
            Optional<Double> max,
            Optional<Duration> maxAge,
            @Default("false") boolean compareWithPrevious) {
    }
}
