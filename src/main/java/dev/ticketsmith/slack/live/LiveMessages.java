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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One live message per operation, in its environment's channel, posted once and then edited in
 * place. Every change bumps the operation's message version; this refresher, on every replica,
 * claims operations whose message is behind in PostgreSQL (at most one edit per message every
 * {@value #MIN_GAP_SECONDS} seconds, whichever replica) and brings the message up to date. The
 * first post is claimed separately so that only one replica posts it: the claim lasts
 * {@link #FIRST_POST_CLAIM} and the post gives up before {@link #FIRST_POST_WITHIN}, so a slow post
 * (Slack's rate limits) is never overtaken; and it carries a fencing token, so a poster that lost
 * its claim anyway (a long pause) never records its message and deletes it. Posts and edits also draw on
 * the shared {@link SlackRateBudget}, so many operations at once never run into Slack's limits: a
 * message that finds the budget spent stays due and is brought up to date in a later window.
 */
@ApplicationScoped
public class LiveMessages {

    private static final Logger LOG = Logger.getLogger(LiveMessages.class);
    static final int MIN_GAP_SECONDS = 2;
    /** How long a replica's claim on an operation's first post lasts. */
    static final Duration FIRST_POST_CLAIM = Duration.ofMinutes(2);
    /** How long a first post may take, retries included: well inside its claim. */
    static final Duration FIRST_POST_WITHIN = Duration.ofSeconds(90);
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
                    Optional<Claim> claimed = claim(id);
                    if (claimed.isPresent() && show(id, claimed.get())) {
                        sent++;
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Refreshing live messages failed: %s", e.toString());
        }
        return sent;
    }

    private boolean show(UUID id, Claim claim) throws SQLException {
        Operation op = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
        try {
            String channel = op.slackChannel != null ? op.slackChannel : channelOf(op);
            if (op.slackTs == null) {
                String ts = slack.postMessageWithin(FIRST_POST_WITHIN, channel, OperationMessage.text(op), OperationMessage.blocks(op));
                if (update("UPDATE operation SET slack_channel = ?, slack_ts = ?, message_shown = GREATEST(message_shown, ?)"
                        + " WHERE id = ? AND slack_ts IS NULL AND message_claim_token = ?", channel, ts, claim.version(), id, claim.token()) == 0) {
                    LOG.warnf("Live message of operation %s was posted after this replica's claim passed to another; deleting it", id);
                    slack.deleteMessage(channel, ts);
                    return false;
                }
            } else {
                slack.updateMessage(channel, op.slackTs, OperationMessage.text(op), OperationMessage.blocks(op));
                update("UPDATE operation SET message_shown = GREATEST(message_shown, ?) WHERE id = ?", claim.version(), id);
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

    /** The channel the plan froze, or the environment's channel for operations that froze none. */
    private String channelOf(Operation op) {
        String frozen = op.context.get("release.channel");
        return frozen != null ? frozen : catalog.environment(op.environment).orElseThrow().channel();
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

    /** A claim on a message's next edit (or first post, with the token that fences it). */
    private record Claim(int version, UUID token) {
    }

    /** Takes this message's next edit slot (and, for a first post, the post itself); empty when another replica has it. */
    private Optional<Claim> claim(UUID id) throws SQLException {
        UUID token = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE operation SET message_at = now(),"
                        + " message_claim = CASE WHEN slack_ts IS NULL THEN now() ELSE message_claim END,"
                        + " message_claim_token = CASE WHEN slack_ts IS NULL THEN ? ELSE message_claim_token END"
                        + " WHERE id = ? AND message_version > message_shown"
                        + " AND (message_at IS NULL OR message_at <= now() - make_interval(secs => ?))"
                        + " AND (slack_ts IS NOT NULL OR message_claim IS NULL OR message_claim < now() - make_interval(secs => ?))"
                        + " RETURNING message_version")) {
            s.setObject(1, token);
            s.setObject(2, id);
            s.setInt(3, MIN_GAP_SECONDS);
            s.setLong(4, FIRST_POST_CLAIM.toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getInt(1), token)) : Optional.empty();
            }
        }
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }
}
