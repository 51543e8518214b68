package dev.ticketsmith.slack;

import dev.ticketsmith.db.DeliveryLedger;
import dev.ticketsmith.db.GroupCommit;
import dev.ticketsmith.db.ScheduledFires;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.ScheduledExecution;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Remembers which Slack deliveries were handled, in PostgreSQL, so that a retried request
 * ({@code X-Slack-Retry-Num}) or a replayed interaction is acted on once, whichever replica gets it.
 * Runs on every acknowledgement, so concurrent keys share one statement and one commit ({@link GroupCommit}).
 */
@ApplicationScoped
public class SlackDeliveries {

    private final AgroalDataSource dataSource;
    private final EntityManager em;
    private final GroupCommit<String, Boolean> commits;
    private final ScheduledFires fires;
    private final String purgeEvery;

    SlackDeliveries(AgroalDataSource dataSource, EntityManager em, ScheduledFires fires,
                    @ConfigProperty(name = "ticketsmith.slack.delivery-purge-every", defaultValue = "15m") String purgeEvery) {
        this.dataSource = dataSource;
        this.em = em;
        this.fires = fires;
        this.purgeEvery = purgeEvery;
        this.commits = new GroupCommit<>("Slack delivery keys", dataSource, SlackDeliveries::insertNew);
    }

    /** True the first time a key is seen; false for every repeat. */
    public boolean firstTime(String key) {
        return commits.submit(key);
    }

    /**
     * Like {@link #firstTime}, inside the caller's transaction: the key commits with whatever the
     * caller does next, or not at all. A concurrent first delivery of the same key makes this wait
     * until it commits (then this is a repeat) or rolls back (then this is the first).
     */
    public boolean firstTimeInTransaction(String key) {
        return em.createNativeQuery("INSERT INTO slack_delivery (delivery_key) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, key).executeUpdate() == 1;
    }

    /** One statement per batch; a key repeated inside the batch counts as new only once. */
    private static List<Boolean> insertNew(Connection c, List<String> keys) throws SQLException {
        Set<String> inserted = DeliveryLedger.insertNew(c, keys);
        List<Boolean> firsts = new ArrayList<>(keys.size());
        for (String key : keys) {
            firsts.add(inserted.remove(key));
        }
        return firsts;
    }

    /** Slack retries within minutes; an hour of keys is plenty. One replica purges each period. */
    @Scheduled(every = "${ticketsmith.slack.delivery-purge-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = dev.ticketsmith.db.SchemaNotReady.class)
    void purge(ScheduledExecution execution) throws SQLException {
        if (!fires.claimPeriod("purge:slack-delivery", purgeEvery, execution.getScheduledFireTime())) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM slack_delivery WHERE received_at < now() - interval '1 hour'")) {
            s.executeUpdate();
        }
    }

    @PreDestroy
    void stop() {
        commits.close();
    }
}
