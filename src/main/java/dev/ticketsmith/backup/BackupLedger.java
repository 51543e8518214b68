package dev.ticketsmith.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code backup} table: every backup TICKETSMITH took (an archive or a snapshot), with its
 * checksum and size, who asked (a person or the schedule) and when it was pruned. DR status and
 * history read it; the stores and RDS stay the truth of what exists.
 */
@ApplicationScoped
public class BackupLedger {

    private final EntityManager em;

    BackupLedger(EntityManager em) {
        this.em = em;
    }

    /** Records a finished backup, in the step's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String database, String environment, String provider, BackupRef backup, Instant startedAt, UUID operationId,
                       String trigger) {
        em.createNativeQuery("INSERT INTO backup (database, environment, provider, location, sha256, size_bytes, data_time, started_at,"
                        + " finished_at, operation_id, trigger) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, database).setParameter(2, environment).setParameter(3, provider).setParameter(4, backup.location())
                .setParameter(5, backup.sha256()).setParameter(6, backup.sizeBytes())
                .setParameter(7, backup.dataTime() == null ? null : Timestamp.from(backup.dataTime()))
                .setParameter(8, Timestamp.from(startedAt)).setParameter(9, Timestamp.from(backup.takenAt()))
                .setParameter(10, operationId).setParameter(11, trigger).executeUpdate();
    }

    /** Marks backups deleted by pruning. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String database, List<String> locations, Instant at) {
        if (locations.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE backup SET deleted_at = ?1 WHERE database = ?2 AND location IN (?3) AND deleted_at IS NULL")
                .setParameter(1, Timestamp.from(at)).setParameter(2, database).setParameter(3, locations).executeUpdate();
    }

    /** When the newest backup TICKETSMITH took of a database finished. */
    @Transactional
    public Optional<Instant> lastTaken(String database) {
        Object at = em.createNativeQuery("SELECT max(finished_at) FROM backup WHERE database = ?1 AND deleted_at IS NULL")
                .setParameter(1, database).getSingleResult();
        return Optional.ofNullable(at).map(BackupLedger::instant);
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a time: " + value);
    }
}
