package dev.ticketsmith.slack.live;

import dev.ticketsmith.slack.SlackCallFailed;
import dev.ticketsmith.slack.SlackRateBudget;
import dev.ticketsmith.slack.SlackWebApi;
import io.agroal.api.AgroalDataSource;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.db.ScheduledFires;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Posts the step details of each operation to the thread of its live message. The journal leaves
 * one note per recorded change in the {@code operation_thread_note} outbox; this poster, on every
 * replica, takes the operations whose live message exists and that have pending notes, claims each
 * one's notes ({@link ClaimedNotes}: two replicas never post the same note) and posts them all as
 * one thread reply, oldest first, splitting only to stay under Slack's text limit. Each reply takes
 * a {@code chat.postMessage} from the shared {@link SlackRateBudget}, leaving a reserve for the
 * first posts of live messages; a spent budget or a failed call leaves the notes for a later round.
 * Notes are marked posted in the claim's transaction, so a crash between a post and its commit
 * posts those lines again: at least once, never lost.
 */
@ApplicationScoped
public class ThreadNotes {

    private static final Logger LOG = Logger.getLogger(ThreadNotes.class);
    /** Slack truncates long texts and advises at most 4,000 characters; a reply stays under that. */
    static final int REPLY_LIMIT = 3900;
    /** {@code chat.postMessage} calls per budget window kept for live messages' first posts. */
    static final int RESERVE_FOR_LIVE_MESSAGES = 3;
    private static final int BATCH = 50;
    /** Slack errors that say the thread can take no reply at all: no retry cures them. */
    static final Set<String> THREAD_GONE = Set.of("channel_not_found", "is_archived", "not_in_channel", "thread_not_found",
            "message_not_found", "restricted_action");

    private final AgroalDataSource dataSource;
    private final SlackWebApi slack;
    private final SlackRateBudget budget;
    private final ScheduledFires fires;

    ThreadNotes(AgroalDataSource dataSource, SlackWebApi slack, SlackRateBudget budget, ScheduledFires fires) {
        this.fires = fires;
        this.dataSource = dataSource;
        this.slack = slack;
        this.budget = budget;
    }

    @Scheduled(every = "${ticketsmith.slack.live-refresh-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduled() {
        run();
    }

    /** Posts the pending notes of every operation whose live message exists; returns how many replies it posted. */
    public int run() {
        int posted = 0;
        try {
            for (UUID id : withPendingNotes()) {
                Optional<ClaimedNotes> claimed = ClaimedNotes.claim(dataSource, id);
                if (claimed.isEmpty()) {
                    continue; // nothing left, or another replica is posting them
                }
                try (ClaimedNotes notes = claimed.get()) {
                    Outcome outcome = post(id, notes);
                    notes.commit();
                    posted += outcome.replies();
                    if (outcome.budgetSpent()) {
                        break; // the rest waits for the next window, still pending
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Posting thread notes failed: %s", e.toString());
        }
        return posted;
    }

    private record Outcome(int replies, boolean budgetSpent) {
    }

    private Outcome post(UUID id, ClaimedNotes notes) throws SQLException {
        int replies = 0;
        for (ThreadReply reply : ThreadReply.of(notes.notes(), REPLY_LIMIT)) {
            if (!budget.tryTakeLeaving("chat.postMessage", RESERVE_FOR_LIVE_MESSAGES)) {
                return new Outcome(replies, true);
            }
            try {
                slack.postMessage(notes.channel(), notes.threadTs(), reply.text(), null);
            } catch (SlackCallFailed e) {
                if ("msg_too_long".equals(e.slackError())) {
                    LOG.warnf("A thread reply of operation %s dropped: Slack finds it too long", id);
                    notes.markPosted(reply.noteIds());
                    continue;
                }
                if (e.slackError() != null && THREAD_GONE.contains(e.slackError())) {
                    // the thread cannot take any (channel archived, bot removed): they stay in the audit trail
                    LOG.warnf("Thread notes of operation %s dropped: Slack answers %s", id, e.slackError());
                    notes.markPosted(notes.notes().stream().map(n -> n.id()).toList());
                    break;
                }
                LOG.warnf("Thread notes of operation %s not posted (%s); trying again later", id, e.slackError());
                break;
            } catch (RuntimeException e) {
                LOG.errorf("Thread notes of operation %s could not be sent: %s", id, e.toString());
                break;
            }
            notes.markPosted(reply.noteIds());
            replies++;
        }
        return new Outcome(replies, false);
    }

    /** Operations with pending notes whose live message is posted, those waiting longest first. */
    private List<UUID> withPendingNotes() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT n.operation_id FROM operation_thread_note n JOIN operation o ON o.id = n.operation_id"
                        + " WHERE n.posted_at IS NULL AND o.slack_ts IS NOT NULL"
                        + " GROUP BY n.operation_id ORDER BY min(n.id) LIMIT ?")) {
            s.setInt(1, BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Posted notes are kept a week; one replica purges each hour. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SchemaNotReady.class)
    void purge(ScheduledExecution execution) throws SQLException {
        if (!fires.claimPeriod("purge:thread-notes", java.time.Duration.ofHours(1), execution.getScheduledFireTime())) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM operation_thread_note WHERE posted_at < now() - interval '7 days'")) {
            s.executeUpdate();
        }
    }
}
