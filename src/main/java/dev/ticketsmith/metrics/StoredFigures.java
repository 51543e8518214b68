package dev.ticketsmith.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One reading of the figures kept in PostgreSQL, as every replica sees them.
 *
 * @param operations      operation rows by kind, then phase
 * @param stepStarted     of active operations, by kind then phase: the earliest start of a current step
 * @param tickDue         of operations the engine works on, by kind: the earliest {@code next_tick_at}
 * @param lastBackup      by database: when its newest backup finished
 * @param restoreTests    by database: its newest restore test run
 * @param audit           the newest verification of the audit chain, or null when there was none
 * @param readAt          when this was read
 */
record StoredFigures(Map<String, Map<String, Long>> operations, Map<String, Map<String, Instant>> stepStarted,
                     Map<String, Instant> tickDue, Map<String, Instant> lastBackup, Map<String, RestoreTestRun> restoreTests,
                     AuditCheck audit, Instant readAt) {

    /** The newest restore test run of a database. */
    record RestoreTestRun(boolean passed, Long rtoMs, Long rpoSeconds, Instant endedAt) {
    }

    /** The newest verification of the audit chain. */
    record AuditCheck(boolean intact, long recordsChecked, Instant verifiedAt) {
    }

    static StoredFigures empty() {
        return new StoredFigures(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), null, null);
    }
}
