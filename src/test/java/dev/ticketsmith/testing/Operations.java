package dev.ticketsmith.testing;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Test helpers for operation rows (the table is not append-only; the audit trail is). */
public final class Operations {

    private Operations() {
    }

    /**
     * Ends every active operation on a target, so a test starts with the target free; with them go
     * every hold on HPA bounds and every scaling override and lock (ended by hand, they never gave
     * their holds back).
     */
    public static void endActive(AgroalDataSource dataSource, String target) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM hpa_hold");
            s.executeUpdate("DELETE FROM hpa_owner");
            s.executeUpdate("UPDATE scaling_override SET state = 'ENDED' WHERE state <> 'ENDED'");
            s.executeUpdate("UPDATE change_lock SET ended_at = now(), end_reason = 'ended by a test' WHERE ended_at IS NULL");
            s.executeUpdate("UPDATE operation SET phase = 'ABORTED', end_reason = 'ended by a test'"
                    + " WHERE target = '" + target + "' AND phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED')");
        }
    }

    /** Ends every active operation (and hold, override and lock), so that a test's ticks advance only the operations it starts. */
    public static void endAllActive(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM hpa_hold");
            s.executeUpdate("DELETE FROM hpa_owner");
            s.executeUpdate("UPDATE scaling_override SET state = 'ENDED' WHERE state <> 'ENDED'");
            s.executeUpdate("UPDATE change_lock SET ended_at = now(), end_reason = 'ended by a test' WHERE ended_at IS NULL");
            s.executeUpdate("UPDATE operation SET phase = 'ABORTED', end_reason = 'ended by a test'"
                    + " WHERE phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED')");
        }
    }

    /**
     * Marks every existing operation's live message as up to date and its thread notes as posted,
     * and clears the Slack call budget, so a test that checks its own operation's messages is not
     * queued behind other tests' operations.
     */
    public static void quietMessages(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE operation SET message_shown = message_version WHERE message_shown < message_version");
            s.executeUpdate("UPDATE operation_thread_note SET posted_at = now() WHERE posted_at IS NULL");
        }
        clearSlackBudget(dataSource);
    }

    /** Gives back every Slack call taken from the shared budget, as if a new window had begun. */
    public static void clearSlackBudget(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM slack_rate_window");
        }
    }

    /** How many thread notes of an operation are still waiting to be posted. */
    public static int pendingThreadNotes(AgroalDataSource dataSource, java.util.UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM operation_thread_note WHERE posted_at IS NULL"
                     + " AND operation_id = '" + id + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Makes an operation due for the next tick now. */
    public static void makeDue(AgroalDataSource dataSource, java.util.UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE operation SET next_tick_at = now() - interval '1 second' WHERE id = '" + id + "'");
        }
    }
}
