package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL database backed up with {@code pg_dump}.
 *
 * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param credentialsSecret the Kubernetes Secret holding {@code username} and {@code password}
 * @param store where archives are kept: {@code s3://bucket/prefix/} or {@code file:///path/}
 * @param kmsKey the KMS key (id, ARN or alias) archives in S3 are encrypted with
 * @param backup the daily (or other) dump schedule and how many archives to keep
 * @param jobs parallel jobs of {@code pg_restore -j}
 * @param timeout the longest a {@code pg_dump} or a {@code pg_restore} may run before it is stopped
 * @param pricePerHour what a scratch copy costs an hour (US dollars), for the cost line of reports
 */
public record PgDumpSpec(
        @Required String url,
        Optional<String> credentialsSecret,
        @Required String store,
        Optional<String> kmsKey,
        Optional<BackupSchedule> backup,
        @Default("2") int jobs,
        @Default("2h") Duration timeout,
        Optional<Double> pricePerHour) {

    /**
     * Dumps on a schedule.
     *
     * @param schedule a Quarkus cron expression (6 or 7 fields)
     * @param keep how many of the newest archives are kept; older ones are deleted after each dump
     */
    public record BackupSchedule(@Required String schedule, @Default("7") int keep) {
    }

    /** The database's name on its server, from the URL. */
    public String databaseName() {
        String rest = url.substring(url.indexOf("//") + 2);
        String path = rest.substring(rest.indexOf('/') + 1);
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
