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
 * Twenty operations at once in one channel against a fake Slack that allows 50 edits a minute:
 * no call is ever rate limited, and every message ends showing its operation's final state.
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
    AgroalDataSource dataSource;

    private Operation load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    @Test
    void twentyOperationsStayUnderSlacksLimitsAndEndRight() throws Exception {
        FakeSlackApi slack = FakeSlackResource.api();
        Operations.quietMessages(dataSource);
        slack.enforcePerMinute("chat.update", 50);
        try {
            runTwenty(slack);
        } finally {
            slack.stopEnforcing("chat.update");
        }
    }

    private void runTwenty(FakeSlackApi slack) throws Exception {
        int limitedBefore = slack.rateLimited("chat.update");
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
            Thread.sleep(500);
        }
        boolean done = false;
        while (!done && Instant.now().isBefore(deadline)) {
            for (UUID id : ids) {
                Operations.makeDue(dataSource, id);
            }
            reconciler.tick();
            live.refresh();
            done = ids.stream().map(this::load).allMatch(op -> !op.phase.active() && op.messageShown >= op.messageVersion);
            Thread.sleep(500);
        }
        for (UUID id : ids) {
            Operation op = load(id);
            assertEquals(Phase.SUCCEEDED, op.phase);
            assertTrue(op.messageShown >= op.messageVersion, "message of " + id + " shows its last change");
            List<FakeSlackApi.Call> calls = slack.calls(c -> c.body().contains(id.toString())
                    && (c.method().equals("chat.postMessage") || c.method().equals("chat.update")));
            assertEquals(1, calls.stream().filter(c -> c.method().equals("chat.postMessage")).count(), "one message per operation");
            assertTrue(calls.get(calls.size() - 1).param("text").contains("succeeded"), calls.get(calls.size() - 1).param("text"));
        }
        assertEquals(limitedBefore, slack.rateLimited("chat.update"), "Slack never had to answer 429");
        long posts = ids.stream().mapToLong(id -> slack.calls(c -> c.method().equals("chat.postMessage") && c.body().contains(id.toString())).size()).sum();
        long edits = ids.stream().mapToLong(id -> slack.calls(c -> c.method().equals("chat.update") && c.body().contains(id.toString())).size()).sum();
        assertTrue(edits >= 20, "every operation's message was edited at least once: " + edits);
        System.out.printf("LIVE MESSAGES: 20 operations, %d posts and %d edits (%.1f Slack calls per operation)%n", posts, edits, (posts + edits) / 20.0);
    }
}
