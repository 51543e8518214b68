package dev.ticketsmith.slack;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Remembers which Slack deliveries were handled, in PostgreSQL, so that a retried request
 * ({@code X-Slack-Retry-Num}) or a replayed interaction is acted on once, whichever replica gets it.
 * Plain JDBC in autocommit: this runs on every acknowledgement and must stay cheap.
 */
@ApplicationScoped
public class SlackDeliveries {

    private final AgroalDataSource dataSource;

    SlackDeliveries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time a key is seen; false for every repeat. */
    public boolean firstTime(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO slack_delivery (delivery_key) VALUES (?) ON CONFLICT DO NOTHING")) {
            s.setString(1, key);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a Slack delivery", e);
        }
    }

    /** Slack retries within minutes; an hour of keys is plenty. Any replica may purge. */
    @Scheduled(every = "${ticketsmith.slack.delivery-purge-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM slack_delivery WHERE received_at < now() - interval '1 hour'")) {
            s.executeUpdate();
        }
    }
}
