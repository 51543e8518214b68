package dev.ticketsmith.slack.live;

import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty operations at once in one channel against a fake Slack that allows 50 edits and 60 posts
 * a minute: no call is ever rate limited, every message ends showing its operation's final state,
 * and every thread holds its operation's step details, each once and in order.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class LiveMessagesUnderLoadTest {

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    LiveMessages live;

    @Inject
    ThreadNotes threadNotes;

    @Inject
    AgroalDataSource dataSource;

    private Operation load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    @Test
    void twentyOperationsStayUnderSlacksLimitsAndEndRight() throws Exception {
        FakeSlackApi slack = FakeSlackResource.api();
        Operations.quietMessages(dataSource);
        slack.enforcePerMinute("chat.update", 50);
        slack.enforcePerMinute("chat.postMessage", 60);
        try {
            runTwenty(slack);
        } finally {
            slack.stopEnforcing("chat.update");
            slack.stopEnforcing("chat.postMessage");
        }
    }

    private void runTwenty(FakeSlackApi slack) throws Exception {
        int limitedBefore = slack.rateLimited("chat.update");
        int postsLimitedBefore = slack.rateLimited("chat.postMessage");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StartResult started = engine.start(new OperationRequest("promote", "load-" + i + "-" + UUID.randomUUID().toString().substring(0, 6),
                    "staging", List.of(StepSpec.of("test.set", Map.of("key", "k", "value", "v")),
                    StepSpec.of("test.set", Map.of("key", "k2", "value", "v"))), List.of(), "U0DEV1", "dev"));
            ids.add(assertInstanceOf(StartResult.Started.class, started).operation().id);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        while (ids.stream().map(this::load).anyMatch(op -> op.slackTs == null) && Instant.now().isBefore(deadline)) {
            live.refresh(); // every message is posted first, so each later change needs an edit
            threadNotes.run();
            Thread.sleep(500);
        }
        boolean done = false;
        while (!done && Instant.now().isBefore(deadline)) {
            for (UUID id : ids) {
                Operations.makeDue(dataSource, id);
            }
            reconciler.tick();
            live.refresh();
            threadNotes.run();
            done = ids.stream().map(this::load).allMatch(op -> !op.phase.active() && op.messageShown >= op.messageVersion)
                    && pendingNotes(ids) == 0;
            Thread.sleep(500);
        }
        for (UUID id : ids) {
            Operation op = load(id);
            assertEquals(Phase.SUCCEEDED, op.phase);
            assertTrue(op.messageShown >= op.messageVersion, "message of " + id + " shows its last change");
            // thread replies never name the operation, so this counts the live message and its edits only
            List<FakeSlackApi.Call> calls = slack.calls(c -> c.body().contains(id.toString())
                    && (c.method().equals("chat.postMessage") || c.method().equals("chat.update")));
            assertEquals(1, calls.stream().filter(c -> c.method().equals("chat.postMessage")).count(), "one message per operation");
            assertTrue(calls.get(calls.size() - 1).param("text").contains("succeeded"), calls.get(calls.size() - 1).param("text"));
        }
        assertEquals(limitedBefore, slack.rateLimited("chat.update"), "Slack never had to answer 429");
        assertEquals(postsLimitedBefore, slack.rateLimited("chat.postMessage"), "Slack never had to answer 429 to a post");
        long posts = ids.stream().mapToLong(id -> slack.calls(c -> c.method().equals("chat.postMessage") && c.body().contains(id.toString())).size()).sum();
        long edits = ids.stream().mapToLong(id -> slack.calls(c -> c.method().equals("chat.update") && c.body().contains(id.toString())).size()).sum();
        assertTrue(edits >= 20, "every operation's message was edited at least once: " + edits);
        System.out.printf("LIVE MESSAGES: 20 operations, %d posts and %d edits (%.1f Slack calls per operation)%n", posts, edits, (posts + edits) / 20.0);
        List<Integer> replies = new ArrayList<>();
        for (UUID id : ids) {
            List<FakeSlackApi.Call> thread = threadReplies(slack, load(id));
            List<String> lines = thread.stream().flatMap(c -> List.of(c.param("text").split("\n")).stream()).toList();
            assertEquals(5, lines.size(), "requested, started, two steps, succeeded: " + lines);
            assertTrue(lines.get(0).startsWith(":inbox_tray: requested") && lines.get(1).startsWith(":arrow_forward: started")
                    && lines.get(2).contains("step 1/2") && lines.get(3).contains("step 2/2") && lines.get(4).startsWith(":tada: succeeded"), lines.toString());
            replies.add(thread.size());
        }
        System.out.printf("THREAD NOTES: 20 operations, %d thread replies (per operation: %s)%n",
                replies.stream().mapToInt(Integer::intValue).sum(), replies);
    }

    private static List<FakeSlackApi.Call> threadReplies(FakeSlackApi slack, Operation op) {
        return slack.calls(c -> c.method().equals("chat.postMessage") && op.slackTs.equals(c.param("thread_ts")));
    }

    private int pendingNotes(List<UUID> ids) throws SQLException {
        int pending = 0;
        for (UUID id : ids) {
            pending += Operations.pendingThreadNotes(dataSource, id);
        }
        return pending;
    }
}
