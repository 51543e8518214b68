package dev.ticketsmith.slack.live;

import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Exactly one live message per operation, with two replicas refreshing: a first post slowed down by
 * Slack's rate limits is not overtaken by the other replica, and a poster that did lose its claim
 * (a pause longer than the claim) deletes its message instead of recording it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class LiveMessageClaimTest {

    @Inject
    OperationEngine engine;

    @Inject
    LiveMessages replica;

    @Inject
    AgroalDataSource dataSource;

    private final FakeSlackApi slack = FakeSlackResource.api();

    @BeforeEach
    void quiet() throws SQLException {
        Operations.quietMessages(dataSource);
    }

    @AfterEach
    void end() throws SQLException {
        Operations.endAllActive(dataSource); // its hour-long holds must not be ticked by later tests
    }

    private Operation start() {
        String target = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        StepSpec step = StepSpec.of("test.hold", Map.of("for", "PT1H"));
        return assertInstanceOf(StartResult.Started.class,
                engine.start(new OperationRequest("test", target, "staging", List.of(step), List.of(), "U0DEV1", "dev"))).operation();
    }

    private List<FakeSlackApi.Call> posts(Operation op) {
        return slack.calls(c -> c.method().equals("chat.postMessage") && String.valueOf(c.param("text")).contains(op.target));
    }

    /** Replica A's first post, rate limited twice (Retry-After 2 s), under way on another thread. */
    private CompletableFuture<Integer> slowFirstPost(Operation op) throws Exception {
        slack.failNext("chat.postMessage", 429, "2", 2);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(replica::refresh);
        for (int i = 0; i < 100 && posts(op).isEmpty(); i++) {
            Thread.sleep(20);
        }
        return a;
    }

    private void claimTakenAgo(Operation op, String interval) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE operation SET message_claim = message_claim - interval '" + interval + "',"
                    + " message_at = message_at - interval '" + interval + "' WHERE id = '" + op.id + "'");
        }
    }

    @Test
    void aSlowFirstPostIsNotOvertakenByAnotherReplica() throws Exception {
        Operation op = start();
        int deletesBefore = slack.calls("chat.delete").size();
        CompletableFuture<Integer> a = slowFirstPost(op);
        claimTakenAgo(op, "90 seconds"); // longer than any old claim, shorter than the post's own bound
        replica.refresh(); // replica B
        a.get(30, TimeUnit.SECONDS);

        assertEquals(3, posts(op).size(), "one post, tried three times (two 429s), and no other: " + posts(op));
        assertEquals(deletesBefore, slack.calls("chat.delete").size(), "nothing posted twice, nothing deleted");
        assertNotNull(OperationDriver.load(op.id).slackTs);
    }

    @Test
    void aPosterThatLostItsClaimDeletesItsMessageInsteadOfRecordingIt() throws Exception {
        Operation op = start();
        int deletesBefore = slack.calls("chat.delete").size();
        CompletableFuture<Integer> a = slowFirstPost(op);
        claimTakenAgo(op, "3 minutes"); // replica A was paused longer than its claim
        replica.refresh(); // replica B takes the claim over and posts
        a.get(30, TimeUnit.SECONDS);

        Operation after = OperationDriver.load(op.id);
        List<FakeSlackApi.Call> deletes = slack.calls("chat.delete");
        assertEquals(deletesBefore + 1, deletes.size(), "replica A deleted the message it could not record");
        String deleted = deletes.get(deletes.size() - 1).param("ts");
        assertNotEquals(after.slackTs, deleted, "the recorded message is the one that stays");
        assertEquals("C0STAGING", deletes.get(deletes.size() - 1).param("channel"));
    }
}
