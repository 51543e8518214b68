package dev.ticketsmith.api;

import dev.ticketsmith.db.ScheduledFires;
import dev.ticketsmith.db.SchemaNotReady;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key}s of API writes, per client, in the caller's transaction: claiming a key
 * and storing what the request answered commit with the request's own effects, or not at all. A
 * second request with a key waits for the first to commit (the primary key), then gets its answer.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What a key's first request answered. */
    public record Answered(String requestHash, Integer status, UUID operationId, String body) {
    }

    private final EntityManager em;
    private final ScheduledFires fires;

    IdempotencyKeys(EntityManager em, ScheduledFires fires) {
        this.fires = fires;
        this.em = em;
    }

    /** Claims the key for this request; empty when it is new, else what was recorded under it. */
    public Optional<Answered> claim(String client, String key, String requestHash) {
        int inserted = em.createNativeQuery("INSERT INTO api_idempotency (client, idempotency_key, request_hash) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, client).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, operation_id, body FROM api_idempotency"
                        + " WHERE client = ?1 AND idempotency_key = ?2")
                .setParameter(1, client).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        return Optional.of(new Answered((String) row[0], (Integer) row[1], (UUID) row[2], (String) row[3]));
    }

    /** Records what the request that claimed the key answered. */
    public void answered(String client, String key, int status, UUID operationId, String body) {
        em.createNativeQuery("UPDATE api_idempotency SET status = ?3, operation_id = ?4, body = ?5 WHERE client = ?1 AND idempotency_key = ?2")
                .setParameter(1, client).setParameter(2, key).setParameter(3, status).setParameter(4, operationId)
                .setParameter(5, body).executeUpdate();
    }

    /** Keys are kept a day; one replica purges each hour, and forgets old schedule claims too. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SchemaNotReady.class)
    @Transactional
    void purge(ScheduledExecution execution) {
        if (!fires.claimPeriod("purge:api-idempotency", java.time.Duration.ofHours(1), execution.getScheduledFireTime())) {
            return;
        }
        fires.forgetOlderThan(java.time.Duration.ofDays(30));
        em.createNativeQuery("DELETE FROM api_idempotency WHERE created_at < now() - interval '24 hours'").executeUpdate();
    }
}
