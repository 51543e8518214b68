package dev.ticketsmith.audit;

import dev.ticketsmith.config.ObservabilitySettings;
import dev.ticketsmith.db.SchemaNotReady;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verifications of the whole audit chain, kept in {@code audit_verification}: the background job
 * verifies once per {@code ticketsmith.observability.audit-verify-every} across all replicas (a
 * transaction-scoped advisory lock, and no new walk while the newest verification is younger than
 * the interval), and {@code GET /api/audit/verify} records its walk too. The audit-chain metric
 * reads the newest row, so a scrape never walks the chain and every replica reports the same.
 */
@ApplicationScoped
public class AuditVerifications {

    private static final Logger LOG = Logger.getLogger(AuditVerifications.class);
    /** The advisory lock key of the verification job ("audit-verify" in ASCII, folded to a long). */
    private static final long LOCK_KEY = 0x6175646974766572L;

    private final ChainVerifier verifier;
    private final EntityManager em;
    private final Clock clock;
    private final Duration every;

    /** The newest verification. */
    public record Latest(Instant verifiedAt, boolean intact, long recordsChecked, Long firstBrokenSeq) {
    }

    AuditVerifications(ChainVerifier verifier, EntityManager em, Clock clock, ObservabilitySettings settings) {
        this.verifier = verifier;
        this.em = em;
        this.clock = clock;
        String every = settings.auditVerifyEvery();
        this.every = "off".equals(every) || "disabled".equals(every) ? Duration.ofHours(1) : DurationConverter.parseDuration(every);
    }

    /** Walks the chain now and records the outcome. */
    @Transactional
    public ChainVerification verifyAndRecord() {
        long started = System.nanoTime();
        ChainVerification result = verifier.verify();
        em.createNativeQuery("INSERT INTO audit_verification (verified_at, intact, records_checked, first_broken_seq, problem, took_ms)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, result.intact())
                .setParameter(3, result.recordsChecked()).setParameter(4, result.firstBrokenSeq())
                .setParameter(5, result.problem()).setParameter(6, (System.nanoTime() - started) / 1_000_000).executeUpdate();
        if (!result.intact()) {
            LOG.errorf("The audit chain is broken at record %d: %s", result.firstBrokenSeq(), result.problem());
        }
        return result;
    }

    /**
     * The background verification: at most one replica at a time, and only when the newest one is
     * due. The first a minute after start-up, so that walking a long chain does not slow it.
     */
    @Scheduled(every = "${ticketsmith.observability.audit-verify-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SchemaNotReady.class)
    @Transactional
    void scheduled() {
        boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY).getSingleResult();
        if (!locked) {
            return;
        }
        Optional<Latest> latest = latest();
        // a little slack, so a verification made just before this replica's tick does not make it skip a whole interval
        if (latest.isPresent() && latest.get().verifiedAt().isAfter(clock.instant().minus(every.multipliedBy(9).dividedBy(10)))) {
            return;
        }
        verifyAndRecord();
    }

    /** The newest verification, if there was one. */
    @Transactional
    public Optional<Latest> latest() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT verified_at, intact, records_checked, first_broken_seq FROM audit_verification"
                + " ORDER BY id DESC LIMIT 1").getResultList();
        return rows.stream().findFirst().map(r -> new Latest(instant(r[0]), (Boolean) r[1], ((Number) r[2]).longValue(),
                r[3] == null ? null : ((Number) r[3]).longValue()));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
