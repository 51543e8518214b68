package dev.ticketsmith.slack;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which Slack deliveries were handled, in PostgreSQL, so that a retried request
 * ({@code X-Slack-Retry-Num}) or a replayed interaction is acted on once, whichever replica gets it.
 */
@ApplicationScoped
public class SlackDeliveries {

    private final EntityManager em;

    SlackDeliveries(EntityManager em) {
        this.em = em;
    }

    /** True the first time a key is seen; false for every repeat. */
    @Transactional
    public boolean firstTime(String key) {
        return em.createNativeQuery("INSERT INTO slack_delivery (delivery_key) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, key)
                .executeUpdate() == 1;
    }

    /** Slack retries within minutes; an hour of keys is plenty. Any replica may purge. */
    @Scheduled(every = "${ticketsmith.slack.delivery-purge-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM slack_delivery WHERE received_at < now() - interval '1 hour'").executeUpdate();
    }
}
