package dev.ticketsmith.slack.live;

import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.slack.SlackRateBudget;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step details reach the thread of the live message: after the message exists, all pending notes
 * of an operation go as one reply, in order and once, whichever replica posts them, and a failed
 * call or a spent budget leaves them for a later round.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class ThreadNotesTest {

    /** The lines a two-step plan that succeeds leaves in its thread, in order (a prefix of each). */
    private static final List<String> TWO_STEP_LINES = List.of(":inbox_tray: requested by <@U0DEV1>: 2 steps",
            ":arrow_forward: started", ":white_check_mark: step 1/2 test.set done", ":white_check_mark: step 2/2 test.set done",
            ":tada: succeeded: all 2 steps done");

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    LiveMessages live;

    @Inject
    ThreadNotes threadNotes;

    @Inject
    SlackRateBudget budget;

    @Inject
    AgroalDataSource dataSource;

    FakeSlackApi slack;

    @BeforeEach
    void setUp() throws SQLException {
        slack = FakeSlackResource.api();
        Operations.endAllActive(dataSource); // the ticks below advance only this test's operations
        Operations.quietMessages(dataSource);
    }

    private UUID start(List<StepSpec> steps, List<StepSpec> rollback) {
        StartResult started = engine.start(new OperationRequest("promote", "thread-" + UUID.randomUUID().toString().substring(0, 8),
                "staging", steps, rollback, "U0DEV1", "dev"));
        return assertInstanceOf(StartResult.Started.class, started).operation().id;
    }

    private UUID startTwoSteps() {
        return start(List.of(StepSpec.of("test.set", Map.of("key", "a", "value", "1")),
                StepSpec.of("test.set", Map.of("key", "b", "value", "2"))), List.of());
    }

    private Operation load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    private Operation tickToTheEnd(UUID id) throws SQLException {
        for (int i = 0; i < 10 && load(id).phase.active(); i++) {
            Operations.makeDue(dataSource, id);
            reconciler.tick();
        }
        return load(id);
    }

    /** The thread replies Slack received under an operation's live message (whether Slack accepted them or not). */
    private List<FakeSlackApi.Call> replies(UUID id) {
        String ts = load(id).slackTs;
        return slack.calls(c -> c.method().equals("chat.postMessage") && ts != null && ts.equals(c.param("thread_ts")));
    }

    private static List<String> lines(List<FakeSlackApi.Call> replies) {
        return replies.stream().flatMap(r -> Arrays.stream(r.param("text").split("\n"))).toList();
    }

    private static void assertLinesInOrder(List<String> expectedPrefixes, List<String> lines) {
        assertEquals(expectedPrefixes.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith(expectedPrefixes.get(i)), "line " + i + ": " + lines.get(i));
        }
    }

    @Test
    void stepDetailsGoToTheThreadOfTheLiveMessageInOrderAndOnce() throws SQLException {
        UUID id = startTwoSteps();
        threadNotes.run();
        assertEquals(1, Operations.pendingThreadNotes(dataSource, id), "no live message yet: the request's note waits");

        live.refresh();
        Operation posted = load(id);
        threadNotes.run();
        List<FakeSlackApi.Call> first = replies(id);
        assertEquals(1, first.size());
        assertEquals(posted.slackChannel, first.get(0).param("channel"));
        assertTrue(first.get(0).param("text").startsWith(":inbox_tray: requested by <@U0DEV1>"), first.get(0).param("text"));

        assertEquals(Phase.SUCCEEDED, tickToTheEnd(id).phase);
        threadNotes.run();
        List<FakeSlackApi.Call> all = replies(id);
        assertEquals(2, all.size(), "the four notes of the run went as one reply");
        assertLinesInOrder(TWO_STEP_LINES, lines(all));

        threadNotes.run();
        assertEquals(2, replies(id).size(), "a second run posts nothing new");
        assertEquals(0, Operations.pendingThreadNotes(dataSource, id));
    }

    @Test
    void twoReplicasRunningAtOncePostEachNoteExactlyOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(startTwoSteps());
        }
        for (UUID id : ids) {
            tickToTheEnd(id);
        }
        live.refresh();
        Operations.clearSlackBudget(dataSource);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return threadNotes.run();
                }, replicas));
            }
            go.countDown();
            int posted = runs.stream().mapToInt(CompletableFuture::join).sum();
            posted += threadNotes.run(); // whatever a claim contention left for the next round
            assertEquals(6, posted, "one reply per operation, from one replica or the other");
        } finally {
            replicas.shutdownNow();
        }
        for (UUID id : ids) {
            assertEquals(1, replies(id).size(), "one reply for operation " + id);
            assertLinesInOrder(TWO_STEP_LINES, lines(replies(id)));
            assertEquals(0, Operations.pendingThreadNotes(dataSource, id));
        }
    }

    @Test
    void notesAThreadCanNeverTakeAreDroppedNotRetriedForever() throws SQLException {
        UUID id = startTwoSteps();
        assertEquals(Phase.SUCCEEDED, tickToTheEnd(id).phase);
        live.refresh();
        slack.refuseNext("chat.postMessage", "is_archived", 1);
        threadNotes.run();
        assertEquals(0, Operations.pendingThreadNotes(dataSource, id), "dropped: the audit trail keeps them");
        int attempts = replies(id).size();
        threadNotes.run();
        assertEquals(attempts, replies(id).size(), "never tried again");
    }

    @Test
    void aFailedPostLeavesTheNotesPendingAndALaterRunPostsThem() throws SQLException {
        UUID id = start(List.of(StepSpec.of("test.set", Map.of("key", "a", "value", "1")),
                        StepSpec.of("test.fail", Map.of("reason", "GET /healthz answered 503 <!channel> & co"))),
                List.of(StepSpec.of("test.set", Map.of("key", "a", "value", "none"))));
        assertEquals(Phase.ROLLED_BACK, tickToTheEnd(id).phase);
        live.refresh();

        slack.failNext("chat.postMessage", 503, null, 4); // the first try and all three retries
        assertEquals(0, threadNotes.run());
        assertEquals(4, replies(id).size(), "four attempts, all answered 503");
        assertEquals(6, Operations.pendingThreadNotes(dataSource, id));

        slack.failNext("chat.postMessage", 429, "120", 1); // a Retry-After longer than the adapter waits
        assertEquals(0, threadNotes.run());
        assertEquals(6, Operations.pendingThreadNotes(dataSource, id));

        assertEquals(1, threadNotes.run());
        assertEquals(0, Operations.pendingThreadNotes(dataSource, id));
        List<FakeSlackApi.Call> replies = replies(id);
        assertEquals(6, replies.size());
        assertLinesInOrder(List.of(":inbox_tray: requested", ":arrow_forward: started", ":white_check_mark: step 1/2 test.set done",
                ":rewind: rolling back: step 2/2 test.fail failed: GET /healthz answered 503 &lt;!channel&gt; &amp; co",
                ":white_check_mark: rollback step 1/1 test.set done", ":leftwards_arrow_with_hook: rolled back after: step 2/2"),
                lines(replies.subList(5, 6)));
    }

    @Test
    void aSpentBudgetLeavesTheNotesPendingAndKeepsAReserveForLiveMessages() throws SQLException {
        UUID id = startTwoSteps();
        live.refresh();
        spendAllButTheReserve();
        assertEquals(0, threadNotes.run(), "only the reserve is left in this window");
        assertEquals(1, Operations.pendingThreadNotes(dataSource, id));
        assertTrue(budget.tryTake("chat.postMessage"), "a live message's first post may still take from the reserve");

        Operations.clearSlackBudget(dataSource);
        assertEquals(1, threadNotes.run());
        assertEquals(0, Operations.pendingThreadNotes(dataSource, id));
    }

    /** Leaves only the reserve of chat.postMessage in this budget window and the next (the test may cross into it). */
    private void spendAllButTheReserve() throws SQLException {
        Operations.clearSlackBudget(dataSource);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO slack_rate_window (method, window_start, used) SELECT 'chat.postMessage',"
                        + " to_timestamp(floor(extract(epoch FROM now()) / 10) * 10) + make_interval(secs => w), ?"
                        + " FROM generate_series(0, 10, 10) AS w")) {
            s.setInt(1, 10 - ThreadNotes.RESERVE_FOR_LIVE_MESSAGES);
            s.executeUpdate();
        }
    }

    @Test
    void manyLongNotesAreSplitIntoRepliesUnderSlacksTextLimit() throws SQLException {
        UUID id = startTwoSteps();
        live.refresh();
        threadNotes.run(); // the request's note
        List<String> expected = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO operation_thread_note (operation_id, recorded_at, text) VALUES (?, now(), ?)")) {
            for (int i = 0; i < 12; i++) {
                String line = String.format("line %02d ", i) + "x".repeat(1000);
                expected.add(line);
                s.setObject(1, id);
                s.setString(2, line);
                s.executeUpdate();
            }
        }
        assertEquals(4, threadNotes.run(), "three 1,008-character lines fit in one reply, four do not");
        List<FakeSlackApi.Call> replies = replies(id);
        List<FakeSlackApi.Call> split = replies.subList(1, replies.size());
        assertTrue(split.stream().allMatch(r -> r.param("text").length() <= ThreadNotes.REPLY_LIMIT));
        assertEquals(expected, lines(split));
        assertEquals(0, Operations.pendingThreadNotes(dataSource, id));
    }
}
