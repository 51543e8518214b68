package dev.ticketsmith.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Scheduled work runs once per scheduled time across replicas. Every replica runs the same
 * schedules; the first to insert {@code (job, fire time)} into {@code scheduled_fire} does the work
 * and the others skip it. Inside a transaction the claim joins it, so a claim and the work it starts
 * (an operation's row) commit together or not at all.
 *
 * <p>A cron fires at the same instants on every replica, so its fire time is the key. A job that runs
 * every <i>period</i> fires at each replica's own phase, so its key is the period that holds the fire
 * time: each period runs once, on whichever replica gets there first.
 */
@ApplicationScoped
public class ScheduledFires {

    /** The pod's name in Kubernetes, else a random name: only for reading {@code scheduled_fire}. */
    public static final String REPLICA = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
            .orElse("replica-" + UUID.randomUUID().toString().substring(0, 8));

    private final AgroalDataSource dataSource;

    ScheduledFires(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims a cron's fire time (truncated to the second); true for the first replica only. */
    public boolean claim(String job, Instant fireTime) {
        return insert(job, fireTime.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Claims the period (aligned to the epoch) that holds {@code fireTime}; true for the first replica only. */
    public boolean claimPeriod(String job, Duration period, Instant fireTime) {
        return insert(job, periodStart(period, fireTime));
    }

    /** Like {@link #claimPeriod(String, Duration, Instant)} for a period written as in the configuration ({@code 15m}). */
    public boolean claimPeriod(String job, String period, Instant fireTime) {
        return claimPeriod(job, DurationConverter.parseDuration(period), fireTime);
    }

    static Instant periodStart(Duration period, Instant at) {
        long millis = Math.max(1000, period.toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }

    /** Forgets claims older than {@code age}: a claim matters only while its fire time is current. */
    public int forgetOlderThan(Duration age) {
        return update("DELETE FROM scheduled_fire WHERE fire_time < now() - make_interval(secs => " + age.toSeconds() + ")");
    }

    private boolean insert(String job, Instant key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO scheduled_fire (job, fire_time, replica) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, job);
            s.setTimestamp(2, Timestamp.from(key));
            s.setString(3, REPLICA);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim " + job + " at " + key, e);
        }
    }

    private int update(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }
}
