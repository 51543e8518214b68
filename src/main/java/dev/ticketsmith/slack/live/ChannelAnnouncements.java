package dev.ticketsmith.slack.live;

import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.slack.SlackCallFailed;
import dev.ticketsmith.slack.SlackRateBudget;
import dev.ticketsmith.slack.SlackWebApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Messages for a channel that are not an operation's live message: a break-glass rollback, a lock
 * or an override that expired, an HPA a person changed. {@link #announce} writes one in the
 * caller's transaction (with the change it announces); every replica posts pending ones, each
 * claimed with {@code FOR UPDATE SKIP LOCKED} and marked in the same transaction as its post, so
 * none is lost with a crash and none is posted twice by two replicas.
 */
@ApplicationScoped
public class ChannelAnnouncements {

    private static final Logger LOG = Logger.getLogger(ChannelAnnouncements.class);
    private static final int BATCH = 20;
    /** Slack's answers that no retry changes: the announcement is dropped, not retried forever. */
    private static final java.util.Set<String> PERMANENT = java.util.Set.of("channel_not_found", "not_in_channel", "is_archived",
            "msg_too_long", "invalid_blocks", "no_text", "restricted_action");

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final SlackWebApi slack;
    private final SlackRateBudget budget;

    ChannelAnnouncements(EntityManager em, AgroalDataSource dataSource, SlackWebApi slack, SlackRateBudget budget) {
        this.em = em;
        this.dataSource = dataSource;
        this.slack = slack;
        this.budget = budget;
    }

    /** Queues a message for a channel, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String channel, String text) {
        em.createNativeQuery("INSERT INTO channel_announcement (channel, text) VALUES (?1, ?2)")
                .setParameter(1, channel).setParameter(2, text).executeUpdate();
    }

    @Scheduled(every = "${ticketsmith.slack.live-refresh-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduled() {
        post();
    }

    /** Marks the oldest pending announcement dropped (posted_at set) after a permanent refusal. */
    private static void drop(Connection c, String why) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE channel_announcement SET posted_at = now() WHERE id = (SELECT id FROM"
                + " channel_announcement WHERE posted_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)")) {
            s.executeUpdate();
            c.commit();
        }
        LOG.warnf("An announcement was dropped: Slack answers %s", why);
    }

    /** Posts pending announcements, oldest first; returns how many were posted. */
    public int post() {
        int posted = 0;
        for (int i = 0; i < BATCH; i++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("SELECT id, channel, text FROM channel_announcement WHERE posted_at IS NULL"
                        + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"); ResultSet rs = s.executeQuery()) {
                    if (!rs.next() || !budget.tryTake("chat.postMessage")) {
                        c.rollback();
                        return posted;
                    }
                    slack.postMessage(rs.getString(2), null, rs.getString(3), null);
                    try (PreparedStatement done = c.prepareStatement("UPDATE channel_announcement SET posted_at = now() WHERE id = ?")) {
                        done.setLong(1, rs.getLong(1));
                        done.executeUpdate();
                    }
                    c.commit();
                    posted++;
                } catch (SlackCallFailed e) {
                    c.rollback();
                    if (e.slackError() != null && PERMANENT.contains(e.slackError())) {
                        drop(c, e.slackError()); // it can never be posted: it stays in the audit trail, the others go on
                        continue;
                    }
                    LOG.warnf("An announcement was not posted (%s); trying again later", e.slackError());
                    return posted;
                }
            } catch (SQLException e) {
                LOG.warnf("Posting announcements failed: %s", e.toString());
                return posted;
            }
        }
        return posted;
    }
}
