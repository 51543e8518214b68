package dev.ticketsmith.metrics;

import dev.ticketsmith.metrics.StoredFigures.AuditCheck;
import dev.ticketsmith.metrics.StoredFigures.RestoreTestRun;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@link StoredFigures} with five small queries on one connection: aggregates over
 * {@code operation} and {@code backup}, the newest {@code restore_test_run} per database and the newest
 * {@code audit_verification}. Nothing here walks the audit chain.
 */
@ApplicationScoped
class StoredFiguresReader {

    private final AgroalDataSource dataSource;

    StoredFiguresReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    StoredFigures read(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, Long>> operations = new TreeMap<>();
            Map<String, Map<String, Instant>> stepStarted = new TreeMap<>();
            query(c, "SELECT kind, phase, count(*), min(step_started_at) FILTER (WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED'))"
                    + " FROM operation GROUP BY kind, phase", rs -> {
                operations.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                Instant started = instant(rs.getTimestamp(4));
                if (started != null) {
                    stepStarted.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), started);
                }
            });
            Map<String, Instant> tickDue = new TreeMap<>();
            query(c, "SELECT kind, min(next_tick_at) FROM operation WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING') GROUP BY kind",
                    rs -> tickDue.put(rs.getString(1), instant(rs.getTimestamp(2))));
            Map<String, Instant> lastBackup = new HashMap<>();
            query(c, "SELECT database, max(finished_at) FROM backup WHERE deleted_at IS NULL GROUP BY database",
                    rs -> lastBackup.put(rs.getString(1), instant(rs.getTimestamp(2))));
            Map<String, RestoreTestRun> restoreTests = new HashMap<>();
            query(c, "SELECT DISTINCT ON (database) database, passed, rto_ms, rpo_seconds, ended_at FROM restore_test_run"
                    + " ORDER BY database, id DESC", rs -> restoreTests.put(rs.getString(1), new RestoreTestRun(rs.getBoolean(2),
                    nullableLong(rs, 3), nullableLong(rs, 4), instant(rs.getTimestamp(5)))));
            AuditCheck[] audit = {null};
            query(c, "SELECT intact, records_checked, verified_at FROM audit_verification ORDER BY id DESC LIMIT 1",
                    rs -> audit[0] = new AuditCheck(rs.getBoolean(1), rs.getLong(2), instant(rs.getTimestamp(3))));
            return new StoredFigures(operations, stepStarted, tickDue, lastBackup, restoreTests, audit[0], now);
        }
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
