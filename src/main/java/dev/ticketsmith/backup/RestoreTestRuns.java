package dev.ticketsmith.backup;

import dev.ticketsmith.backup.ValidationJob.Check;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code restore_test_run} and {@code restore_test_check}: one row per restore test, one per check,
 * written once by the report step. Trends, the last passing run's values (for
 * {@code compareWithPrevious}) and DR status come from here.
 */
@ApplicationScoped
public class RestoreTestRuns {

    private final EntityManager em;

    RestoreTestRuns(EntityManager em) {
        this.em = em;
    }

    /** A run as recorded. */
    public record Run(long id, String database, UUID operationId, String backupLocation, boolean passed, Long provisionMs, Long restoreMs,
                      Long validationMs, Long rtoMs, Long rpoSeconds, Double costUsd, String failure, Instant startedAt, Instant endedAt) {
    }

    /** Records a run and its checks, in the step's transaction; a second call for the same operation does nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Run run, List<Check> checks) {
        Object id = em.createNativeQuery("INSERT INTO restore_test_run (database, operation_id, backup_location, passed, provision_ms, restore_ms,"
                        + " validation_ms, rto_ms, rpo_seconds, cost_usd, failure, started_at, ended_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT (operation_id) DO NOTHING RETURNING id")
                .setParameter(1, run.database()).setParameter(2, run.operationId()).setParameter(3, run.backupLocation())
                .setParameter(4, run.passed()).setParameter(5, run.provisionMs()).setParameter(6, run.restoreMs())
                .setParameter(7, run.validationMs()).setParameter(8, run.rtoMs()).setParameter(9, run.rpoSeconds())
                .setParameter(10, run.costUsd()).setParameter(11, run.failure()).setParameter(12, Timestamp.from(run.startedAt()))
                .setParameter(13, Timestamp.from(run.endedAt())).getResultList().stream().findFirst().orElse(null);
        if (id == null) {
            return;
        }
        for (Check check : checks) {
            em.createNativeQuery("INSERT INTO restore_test_check (run_id, name, expected, actual, passed) VALUES (?1, ?2, ?3, ?4, ?5)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, ((Number) id).longValue()).setParameter(2, check.name()).setParameter(3, check.expected())
                    .setParameter(4, check.actual()).setParameter(5, check.passed()).executeUpdate();
        }
    }

    /** The newest runs of a database, newest first. */
    @Transactional
    public List<Run> latest(String database, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, database, operation_id, backup_location, passed, provision_ms, restore_ms,"
                        + " validation_ms, rto_ms, rpo_seconds, cost_usd, failure, started_at, ended_at FROM restore_test_run"
                        + " WHERE database = ?1 ORDER BY id DESC LIMIT ?2")
                .setParameter(1, database).setParameter(2, max).getResultList();
        List<Run> runs = new ArrayList<>();
        for (Object[] r : rows) {
            runs.add(new Run(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2], (String) r[3], (Boolean) r[4], num(r[5]), num(r[6]),
                    num(r[7]), num(r[8]), num(r[9]), r[10] == null ? null : ((Number) r[10]).doubleValue(), (String) r[11],
                    BackupLedger.instant(r[12]), BackupLedger.instant(r[13])));
        }
        return runs;
    }

    /** The newest passing run of a database. */
    @Transactional
    public Optional<Run> lastPassed(String database) {
        return latest(database, 50).stream().filter(Run::passed).findFirst();
    }

    /** The checks' values of the newest passing run, by name (for {@code compareWithPrevious}). */
    @Transactional
    public Map<String, String> lastPassingValues(String database) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.name, c.actual FROM restore_test_check c WHERE c.run_id = (SELECT id FROM"
                        + " restore_test_run WHERE database = ?1 AND passed ORDER BY id DESC LIMIT 1)")
                .setParameter(1, database).getResultList();
        Map<String, String> values = new HashMap<>();
        for (Object[] r : rows) {
            values.put((String) r[0], (String) r[1]);
        }
        return values;
    }

    /** The checks of a run. */
    @Transactional
    public List<Check> checks(long runId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT name, expected, actual, passed FROM restore_test_check WHERE run_id = ?1 ORDER BY name")
                .setParameter(1, runId).getResultList();
        return rows.stream().map(r -> new Check((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3])).toList();
    }

    private static Long num(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
