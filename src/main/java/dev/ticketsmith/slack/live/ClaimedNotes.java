package dev.ticketsmith.slack.live;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The pending thread notes of one operation, claimed with {@code FOR UPDATE SKIP LOCKED} in a
 * transaction that stays open while they are posted: another replica skips them until this one
 * commits them as posted ({@link #markPosted}, {@link #commit}) or lets them go by closing
 * without committing. A claim is refused unless it holds every pending note up to its newest, so
 * notes never reach the thread out of order while another replica is still posting older ones.
 */
final class ClaimedNotes implements AutoCloseable {

    private final Connection connection;
    private final String channel;
    private final String threadTs;
    private final List<ThreadReply.Note> notes;

    private ClaimedNotes(Connection connection, String channel, String threadTs, List<ThreadReply.Note> notes) {
        this.connection = connection;
        this.channel = channel;
        this.threadTs = threadTs;
        this.notes = notes;
    }

    /** Claims the operation's pending notes; empty when there are none, its message is not posted, or another replica holds them. */
    static Optional<ClaimedNotes> claim(AgroalDataSource dataSource, UUID operationId) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            List<ThreadReply.Note> notes = lockPending(c, operationId);
            String[] message = message(c, operationId);
            if (notes.isEmpty() || message == null || pendingUpTo(c, operationId, notes.get(notes.size() - 1).id()) != notes.size()) {
                release(c);
                return Optional.empty();
            }
            return Optional.of(new ClaimedNotes(c, message[0], message[1], notes));
        } catch (SQLException | RuntimeException e) {
            release(c);
            throw e;
        }
    }

    String channel() {
        return channel;
    }

    String threadTs() {
        return threadTs;
    }

    List<ThreadReply.Note> notes() {
        return notes;
    }

    /** Marks notes posted; they stay locked, and count as posted once {@link #commit} returns. */
    void markPosted(List<Long> ids) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE operation_thread_note SET posted_at = now() WHERE id = ANY(?)")) {
            s.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        }
    }

    void commit() throws SQLException {
        connection.commit();
    }

    /** Releases the claim: whatever was not committed stays pending for the next round. */
    @Override
    public void close() throws SQLException {
        release(connection);
    }

    private static List<ThreadReply.Note> lockPending(Connection c, UUID operationId) throws SQLException {
        List<ThreadReply.Note> notes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, text FROM operation_thread_note"
                + " WHERE operation_id = ? AND posted_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED")) {
            s.setObject(1, operationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    notes.add(new ThreadReply.Note(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return notes;
    }

    /** The live message's channel and ts, or null while it is not posted. */
    private static String[] message(Connection c, UUID operationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT slack_channel, slack_ts FROM operation"
                + " WHERE id = ? AND slack_channel IS NOT NULL AND slack_ts IS NOT NULL")) {
            s.setObject(1, operationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static int pendingUpTo(Connection c, UUID operationId, long newest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM operation_thread_note"
                + " WHERE operation_id = ? AND posted_at IS NULL AND id <= ?")) {
            s.setObject(1, operationId);
            s.setLong(2, newest);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void release(Connection c) throws SQLException {
        if (c.isClosed()) {
            return;
        }
        try (c) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
