package dev.ticketsmith.audit;

import dev.ticketsmith.db.DeliveryLedger;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    /** One entry to append, unless its delivery key (nullable) was seen before. */
    private record Append(String deliveryKey, AuditEntry entry) {
    }

    private final Clock clock = Clock.systemUTC();
    private final GroupCommit<Append, Optional<AuditRecord>> commits;

    AuditWriter(AgroalDataSource dataSource) {
        this.commits = new GroupCommit<>("audit records", dataSource, this::write);
    }

    /**
     * Appends one record and returns it once committed; throws if it could not be written. With a
     * delivery key, the key goes into the delivery ledger in the same transaction, and a key seen
     * before appends nothing and returns empty: the request is a repeat.
     */
    public Optional<AuditRecord> append(String deliveryKey, AuditEntry entry) {
        return commits.submit(new Append(deliveryKey, entry));
    }

    private List<Optional<AuditRecord>> write(Connection c, List<Append> batch) throws SQLException {
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
        Set<String> newKeys = DeliveryLedger.insertNew(c, batch.stream().map(Append::deliveryKey).filter(Objects::nonNull).toList());
        List<Optional<AuditRecord>> records = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Append append : batch) {
                if (append.deliveryKey() != null && !newKeys.remove(append.deliveryKey())) {
                    records.add(Optional.empty());
                    continue;
                }
                AuditRecord r = AuditChain.next(append.entry(), seq, hash, clock.instant());
                bind(insert, r);
                insert.addBatch();
                records.add(Optional.of(r));
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
