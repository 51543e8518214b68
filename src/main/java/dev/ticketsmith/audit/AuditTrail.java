package dev.ticketsmith.audit;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Appends to and reads the audit trail. Appends are serialised across every replica by a
 * transaction-scoped PostgreSQL advisory lock, so the hash chain has exactly one successor per record.
 */
@ApplicationScoped
public class AuditTrail {

    /** Advisory lock key of the audit chain ("TKSMAUDT" as a number). */
    static final long CHAIN_LOCK = 0x544B534D41554454L;

    private final EntityManager em;
    private final Clock clock;

    @Inject
    AuditTrail(EntityManager em) {
        this(em, Clock.systemUTC());
    }

    AuditTrail(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Appends one record, in the caller's transaction if there is one (so a state change and its
     * record commit together), else in its own.
     */
    @Transactional
    public AuditRecord record(AuditEntry entry) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)")
                .setParameter(1, CHAIN_LOCK).getSingleResult();
        Optional<AuditRecord> last = AuditRecord.find("ORDER BY seq DESC").firstResultOptional();

        AuditRecord r = new AuditRecord();
        r.seq = last.map(l -> l.seq + 1).orElse(1L);
        r.recordedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        r.actorId = entry.actorId();
        r.actorName = entry.actorName();
        r.teamId = entry.teamId();
        r.channelId = entry.channelId();
        r.commandText = entry.commandText();
        r.action = entry.action();
        r.target = entry.target();
        r.environment = entry.environment();
        r.decision = entry.decision().name();
        r.detail = entry.detail();
        r.operationId = entry.operationId();
        r.previousHash = last.map(l -> l.recordHash).orElse(AuditHashing.GENESIS);
        r.contentHash = AuditHashing.contentHash(r);
        r.recordHash = AuditHashing.recordHash(r.contentHash, r.previousHash);
        r.persist();
        return r;
    }

    /** The latest {@code limit} records, optionally for one target, newest first. */
    @Transactional
    public List<AuditRecord> latest(Optional<String> target, int limit) {
        var query = target
                .map(t -> AuditRecord.<AuditRecord>find("target", Sort.descending("seq"), t))
                .orElseGet(() -> AuditRecord.findAll(Sort.descending("seq")));
        return query.page(0, limit).list();
    }

    /** Like {@link #latest} but without read-only requests (help, status, history). */
    @Transactional
    public List<AuditRecord> latestChanges(Optional<String> target, int limit) {
        String answered = AuditDecision.ANSWERED.name();
        var query = target
                .map(t -> AuditRecord.<AuditRecord>find("target = ?1 AND decision <> ?2", Sort.descending("seq"), t, answered))
                .orElseGet(() -> AuditRecord.find("decision <> ?1", Sort.descending("seq"), answered));
        return query.page(0, limit).list();
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
