package dev.ticketsmith.audit;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Appends to and reads the audit trail. Appends are serialised across every replica by a
 * transaction-scoped PostgreSQL advisory lock ({@link AuditChain#LOCK}), so the hash chain has
 * exactly one successor per record.
 */
@ApplicationScoped
public class AuditTrail {

    private final EntityManager em;
    private final AuditWriter writer;
    private final TransactionManager transactions;
    private final Clock clock = Clock.systemUTC();

    AuditTrail(EntityManager em, AuditWriter writer, TransactionManager transactions) {
        this.em = em;
        this.writer = writer;
        this.transactions = transactions;
    }

    /**
     * Appends one record. Inside a transaction (an operation's state change) it joins that
     * transaction, so the change and its record commit together; otherwise it goes through the
     * group-committing {@link AuditWriter}. Either way the record is durable when this returns.
     */
    public AuditRecord record(AuditEntry entry) {
        return recordOnce(null, entry).orElseThrow();
    }

    /**
     * Like {@link #record}, for a request Slack may deliver more than once: the delivery key goes
     * into the delivery ledger in the same transaction as the record. A key seen before records
     * nothing and returns empty, so the caller knows the request is a repeat and does not act.
     */
    public Optional<AuditRecord> recordOnce(String deliveryKey, AuditEntry entry) {
        if (inTransaction()) {
            return recordInTransaction(deliveryKey, entry);
        }
        return writer.append(deliveryKey, entry);
    }

    private Optional<AuditRecord> recordInTransaction(String deliveryKey, AuditEntry entry) {
        if (deliveryKey != null && em.createNativeQuery(
                "INSERT INTO slack_delivery (delivery_key) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, deliveryKey).executeUpdate() == 0) {
            return Optional.empty();
        }
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)")
                .setParameter(1, AuditChain.LOCK).getSingleResult();
        Optional<AuditRecord> last = AuditRecord.find("ORDER BY seq DESC").firstResultOptional();
        AuditRecord r = AuditChain.next(entry, last.map(l -> l.seq).orElse(0L),
                last.map(l -> l.recordHash).orElse(AuditHashing.GENESIS), Instant.now(clock));
        r.persist();
        return Optional.of(r);
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            return false;
        }
    }

    /** The latest {@code limit} records, optionally for one target, newest first. */
    @Transactional
    public List<AuditRecord> latest(Optional<String> target, int limit) {
        return newestFirst(target, limit, false);
    }

    /** Like {@link #latest} but without read-only requests (help, status, history). */
    @Transactional
    public List<AuditRecord> latestChanges(Optional<String> target, int limit) {
        return newestFirst(target, limit, true);
    }

    private List<AuditRecord> newestFirst(Optional<String> target, int limit, boolean changesOnly) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        target.ifPresent(t -> {
            where.add("target = :target");
            params.and("target", t);
        });
        if (changesOnly) {
            where.add("decision <> :answered");
            params.and("answered", AuditDecision.ANSWERED.name());
        }
        return AuditRecord.<AuditRecord>find(String.join(" AND ", where), Sort.descending("seq"), params)
                .page(0, limit).list();
    }

    /**
     * Records for the HTTP API, oldest first: those after {@code since} (or the latest ones when
     * {@code since} is absent), optionally for one target, at most {@code limit}.
     */
    @Transactional
    public List<AuditRecord> search(Optional<String> target, Optional<Instant> since, int limit) {
        if (since.isEmpty()) {
            List<AuditRecord> newestFirst = new ArrayList<>(latest(target, limit));
            Collections.reverse(newestFirst);
            return newestFirst;
        }
        String where = target.isPresent() ? "recordedAt >= :since AND target = :target" : "recordedAt >= :since";
        Parameters params = Parameters.with("since", since.get());
        target.ifPresent(t -> params.and("target", t));
        return AuditRecord.<AuditRecord>find(where, Sort.ascending("seq"), params).page(0, limit).list();
    }

    /** A batch of records after a sequence number, for walking the chain. */
    @Transactional
    public List<AuditRecord> batchAfter(long seq, int size) {
        return AuditRecord.<AuditRecord>find("seq > ?1", Sort.ascending("seq"), seq).page(0, size).list();
    }
}
