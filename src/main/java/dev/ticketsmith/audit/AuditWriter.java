package dev.ticketsmith.audit;

import dev.ticketsmith.db.GroupCommit;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends audit records outside any transaction through {@link GroupCommit}: each batch takes the
 * chain's advisory lock once, reads the last record once, inserts every queued record in order
 * and commits. A record is durable before {@link #append} returns.
 */
@ApplicationScoped
public class AuditWriter {

    private static final String INSERT = "INSERT INTO audit_record (seq, recorded_at, actor_id, actor_name, team_id, channel_id,"
            + " command_text, action, target, environment, decision, detail, operation_id, content_hash, previous_hash,"
            + " record_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final Clock clock = Clock.systemUTC();
    private final GroupCommit<AuditEntry, AuditRecord> commits;

    AuditWriter(AgroalDataSource dataSource) {
        this.commits = new GroupCommit<>("audit records", dataSource, this::write);
    }

    /** Appends one record and returns it once committed; throws if it could not be written. */
    public AuditRecord append(AuditEntry entry) {
        return commits.submit(entry);
    }

    private List<AuditRecord> write(Connection c, List<AuditEntry> batch) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, AuditChain.LOCK);
            lock.execute();
        }
        long seq = 0;
        String hash = AuditHashing.GENESIS;
        try (PreparedStatement last = c.prepareStatement("SELECT seq, record_hash FROM audit_record ORDER BY seq DESC LIMIT 1");
             ResultSet rs = last.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1);
                hash = rs.getString(2);
            }
        }
        List<AuditRecord> records = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (AuditEntry entry : batch) {
                AuditRecord r = AuditChain.next(entry, seq, hash, clock.instant());
                bind(insert, r);
                insert.addBatch();
                records.add(r);
                seq = r.seq;
                hash = r.recordHash;
            }
            insert.executeBatch();
        }
        return records;
    }

    private static void bind(PreparedStatement s, AuditRecord r) throws SQLException {
        s.setLong(1, r.seq);
        s.setTimestamp(2, Timestamp.from(r.recordedAt));
        s.setString(3, r.actorId);
        s.setString(4, r.actorName);
        s.setString(5, r.teamId);
        s.setString(6, r.channelId);
        s.setString(7, r.commandText);
        s.setString(8, r.action);
        s.setString(9, r.target);
        s.setString(10, r.environment);
        s.setString(11, r.decision);
        s.setString(12, r.detail);
        s.setString(13, r.operationId);
        s.setString(14, r.contentHash);
        s.setString(15, r.previousHash);
        s.setString(16, r.recordHash);
    }

    @PreDestroy
    void stop() {
        commits.close();
    }
}
