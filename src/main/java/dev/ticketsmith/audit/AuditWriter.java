package dev.ticketsmith.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for the audit trail: callers outside a transaction queue their entry and wait; one
 * writer thread appends everything queued in a single transaction under the chain's advisory lock,
 * then releases the callers. A record is durable before {@link #append} returns, and many
 * concurrent requests cost one lock and one commit instead of one each.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 10;
    private static final String INSERT = "INSERT INTO audit_record (seq, recorded_at, actor_id, actor_name, team_id, channel_id,"
            + " command_text, action, target, environment, decision, detail, operation_id, content_hash, previous_hash,"
            + " record_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private record Pending(AuditEntry entry, CompletableFuture<AuditRecord> done) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock = Clock.systemUTC();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    AuditWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::drain, "audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Appends one record and returns it once committed; throws if it could not be written. */
    public AuditRecord append(AuditEntry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing an audit record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the audit record could not be written", e);
        }
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                LOG.errorf("Writing %d audit records failed: %s", batch.size(), e.toString());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) throws SQLException {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
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
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (Pending p : batch) {
                        AuditRecord r = AuditChain.next(p.entry(), seq, hash, clock.instant());
                        bind(insert, r);
                        insert.addBatch();
                        records.add(r);
                        seq = r.seq;
                        hash = r.recordHash;
                    }
                    insert.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(records.get(i));
        }
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
        running = false;
        writer.interrupt();
    }
}
