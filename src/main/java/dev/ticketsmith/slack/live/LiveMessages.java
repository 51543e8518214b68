package dev.ticketsmith.slack.live;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.slack.SlackCallFailed;
import dev.ticketsmith.slack.SlackRateBudget;
import dev.ticketsmith.slack.SlackWebApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.ticketsmith.db.SchemaNotReady;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One live message per operation, in its environment's channel, posted once and then edited in
 * place. Every change bumps the operation's message version; this refresher, on every replica,
 * claims operations whose message is behind in PostgreSQL (at most one edit per message every
 * {@value #MIN_GAP_SECONDS} seconds, whichever replica) and brings the message up to date. The
 * first post is claimed separately so that only one replica posts it. Posts and edits also draw on
 * the shared {@link SlackRateBudget}, so many operations at once never run into Slack's limits: a
 * message that finds the budget spent stays due and is brought up to date in a later window.
 */
@ApplicationScoped
public class LiveMessages {

    private static final Logger LOG = Logger.getLogger(LiveMessages.class);
    static final int MIN_GAP_SECONDS = 2;
    private static final int BATCH = 20;
    private static final int MAX_ROUNDS = 10;

    private final AgroalDataSource dataSource;
    private final SlackWebApi slack;
    private final SlackRateBudget budget;
    private final Catalog catalog;

    LiveMessages(AgroalDataSource dataSource, SlackWebApi slack, SlackRateBudget budget, Catalog catalog) {
        this.dataSource = dataSource;
        this.slack = slack;
        this.budget = budget;
        this.catalog = catalog;
    }

    @Scheduled(every = "${ticketsmith.slack.live-refresh-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduled() {
        refresh();
    }

    /** Brings every message that is behind up to date; returns how many were posted or edited. */
    public int refresh() {
        int sent = 0;
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                List<UUID> due = due();
                if (due.isEmpty()) {
                    break;
                }
                for (UUID id : due) {
                    if (!budget.tryTake(slackTsOf(id) == null ? "chat.postMessage" : "chat.update")) {
                        return sent; // Slack's budget for this window is spent: the rest waits, still due
                    }
                    OptionalInt claimed = claim(id);
                    if (claimed.isPresent() && show(id, claimed.getAsInt())) {
                        sent++;
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Refreshing live messages failed: %s", e.toString());
        }
        return sent;
    }

    private boolean show(UUID id, int version) throws SQLException {
        Operation op = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
        try {
            String channel = op.slackChannel != null ? op.slackChannel : catalog.environment(op.environment).orElseThrow().channel();
            if (op.slackTs == null) {
                String ts = slack.postMessage(channel, null, OperationMessage.text(op), OperationMessage.blocks(op));
                update("UPDATE operation SET slack_channel = ?, slack_ts = ?, message_shown = GREATEST(message_shown, ?) WHERE id = ?",
                        channel, ts, version, id);
            } else {
                slack.updateMessage(channel, op.slackTs, OperationMessage.text(op), OperationMessage.blocks(op));
                update("UPDATE operation SET message_shown = GREATEST(message_shown, ?) WHERE id = ?", version, id);
            }
            return true;
        } catch (SlackCallFailed e) {
            LOG.warnf("Live message of operation %s not updated (%s); trying again later", id, e.slackError());
            return false;
        } catch (RuntimeException e) {
            // one operation's message (say, of an environment no longer in the catalogue) must not stop the others
            LOG.errorf("Live message of operation %s could not be rendered or sent: %s", id, e.toString());
            return false;
        }
    }

    private String slackTsOf(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT slack_ts FROM operation WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private List<UUID> due() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM operation WHERE message_version > message_shown"
                        + " AND (message_at IS NULL OR message_at <= now() - make_interval(secs => ?))"
                        + " ORDER BY message_at NULLS FIRST LIMIT ?")) {
            s.setInt(1, MIN_GAP_SECONDS);
            s.setInt(2, BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Takes this message's next edit slot (and, for a first post, the post itself); empty when another replica has it. */
    private OptionalInt claim(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE operation SET message_at = now(), message_claim = CASE WHEN slack_ts IS NULL THEN now() ELSE message_claim END"
                        + " WHERE id = ? AND message_version > message_shown"
                        + " AND (message_at IS NULL OR message_at <= now() - make_interval(secs => ?))"
                        + " AND (slack_ts IS NOT NULL OR message_claim IS NULL OR message_claim < now() - interval '1 minute')"
                        + " RETURNING message_version")) {
            s.setObject(1, id);
            s.setInt(2, MIN_GAP_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }
}
