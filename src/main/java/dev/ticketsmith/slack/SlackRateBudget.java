package dev.ticketsmith.slack;

import dev.ticketsmith.db.ScheduledFires;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * A shared budget of Slack Web API calls per method, counted in PostgreSQL in 10-second windows,
 * so that all replicas together stay under Slack's limits. {@code chat.update} (Tier 3, about 50 a
 * minute) gets 7 per window: at most 49 in any 60 seconds. {@code chat.postMessage} (about one a
 * second per channel) gets 10 per window.
 */
@ApplicationScoped
public class SlackRateBudget {

    static final Map<String, Integer> PER_WINDOW = Map.of("chat.update", 7, "chat.postMessage", 10);

    private final AgroalDataSource dataSource;
    private final ScheduledFires fires;

    SlackRateBudget(AgroalDataSource dataSource, ScheduledFires fires) {
        this.fires = fires;
        this.dataSource = dataSource;
    }

    /** Takes one call of {@code method} from the current window's budget; false when it is spent. */
    public boolean tryTake(String method) {
        return tryTakeLeaving(method, 0);
    }

    /**
     * Like {@link #tryTake}, for calls that can wait: takes one only while more than {@code reserve}
     * are left in the window, so that the reserve stays for more urgent calls of the same method.
     */
    public boolean tryTakeLeaving(String method, int reserve) {
        int limit = PER_WINDOW.getOrDefault(method, Integer.MAX_VALUE - reserve) - reserve;
        if (limit <= 0) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO slack_rate_window (method, window_start, used)"
                        + " VALUES (?, to_timestamp(floor(extract(epoch FROM now()) / 10) * 10), 1)"
                        + " ON CONFLICT (method, window_start) DO UPDATE SET used = slack_rate_window.used + 1"
                        + " WHERE slack_rate_window.used < ? RETURNING used")) {
            s.setString(1, method);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the Slack rate budget", e);
        }
    }

    /** Windows older than 10 minutes are spent; one replica purges each period. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = dev.ticketsmith.db.SchemaNotReady.class)
    void purge(ScheduledExecution execution) throws SQLException {
        if (!fires.claimPeriod("purge:slack-rate-window", java.time.Duration.ofMinutes(10), execution.getScheduledFireTime())) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM slack_rate_window WHERE window_start < now() - interval '10 minutes'")) {
            s.executeUpdate();
        }
    }
}
