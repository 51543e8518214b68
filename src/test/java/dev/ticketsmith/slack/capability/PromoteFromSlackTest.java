package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditRecord;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.slack.live.LiveMessages;
import dev.ticketsmith.slack.live.OperationMessage;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ticketsmith promote} from Slack: the operation, its live message, the lock, and the buttons. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class PromoteFromSlackTest {

    @Inject
    OperationEngine engine;

    @Inject
    LiveMessages live;

    @Inject
    AuditTrail audit;

    @Inject
    AgroalDataSource dataSource;

    FakeSlackApi slack;

    @BeforeEach
    void free() throws SQLException {
        slack = FakeSlackResource.api();
        Operations.endActive(dataSource, "catalog");
        Operations.quietMessages(dataSource);
    }

    private Operation active() {
        return QuarkusTransaction.requiringNew().call(() -> engine.active("catalog", "staging").orElseThrow());
    }

    private void allowNextEdit(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE operation SET message_at = now() - interval '3 seconds' WHERE id = '" + id + "'");
        }
    }

    private List<FakeSlackApi.Call> messagesFor(UUID id, String method) {
        return slack.calls(c -> c.method().equals(method) && c.body().contains(id.toString()));
    }

    private FakeSlackApi.Call click(String user, String action, UUID id) throws InterruptedException {
        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.buttonClick(user, "C0STAGING", action, id.toString(), "1.0", slack.responseUrl(responseId)))
                .statusCode(200);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            List<FakeSlackApi.Call> calls = slack.calls("response_url:" + responseId);
            if (!calls.isEmpty()) {
                return calls.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no answer to the click");
    }

    @Test
    void aPromotionStartsPostsOneLiveMessageAndEditsItInPlace() throws SQLException {
        SlackRequests.command("U0DEV1", "promote catalog 2.0.0 release notes").statusCode(200)
                .body("text", allOf(containsString("started"), containsString("<#C0STAGING>")));
        Operation op = active();
        assertEquals(Phase.PENDING, op.phase);
        assertEquals("catalog", op.target);
        assertEquals("2.0.0", op.steps.get(0).param("artifact"));
        AuditRecord accepted = audit.latest(Optional.of("catalog"), 5).stream().filter(r -> r.action.equals("promote")).findFirst().orElseThrow();
        assertEquals("ACCEPTED", accepted.decision);
        assertEquals(op.id.toString(), accepted.operationId);

        live.refresh();
        List<FakeSlackApi.Call> posts = messagesFor(op.id, "chat.postMessage");
        assertEquals(1, posts.size());
        assertEquals("C0STAGING", posts.get(0).param("channel"));
        assertTrue(posts.get(0).param("blocks").contains(OperationMessage.ABORT), "buttons on the live message");
        String ts = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(op.id)).slackTs;

        engine.pause(op.id, "U0DEV1", "dev");
        live.refresh();
        assertEquals(0, messagesFor(op.id, "chat.update").size(), "no second edit within 2 seconds");
        allowNextEdit(op.id);
        live.refresh();
        live.refresh();
        List<FakeSlackApi.Call> updates = messagesFor(op.id, "chat.update");
        assertEquals(1, updates.size());
        assertEquals(ts, updates.get(0).param("ts"));
        assertTrue(updates.get(0).param("text").contains("paused"), updates.get(0).param("text"));
        assertEquals(1, messagesFor(op.id, "chat.postMessage").size(), "still one message");
    }

    @Test
    void slackRateLimitingDuringProgressDelaysTheEditButLosesNothing() throws SQLException {
        SlackRequests.command("U0DEV1", "promote catalog 2.0.0").statusCode(200);
        Operation op = active();
        live.refresh();
        engine.abort(op.id, "U0DEV1", "dev");
        allowNextEdit(op.id);
        slack.failNext("chat.update", 429, "1", 2);
        live.refresh();
        List<FakeSlackApi.Call> updates = messagesFor(op.id, "chat.update");
        assertEquals(3, updates.size(), "two answered 429, the third went through");
        assertTrue(updates.get(2).param("text").contains("rolling back"), updates.get(2).param("text"));
        Operation shown = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(op.id));
        assertEquals(shown.messageVersion, shown.messageShown);
    }

    @Test
    void aSecondPromotionIsRefusedWithWhoHoldsTheService() {
        SlackRequests.command("U0DEV1", "promote catalog 2.0.0").statusCode(200);
        Operation holder = active();
        SlackRequests.command("U0DEV1", "promote catalog 2.0.1").statusCode(200)
                .body("text", allOf(containsString("busy"), containsString(holder.id.toString()), containsString("<@U0DEV1>")));
    }

    @Test
    void statusShowsTheOperationInFlight() throws InterruptedException {
        SlackRequests.command("U0DEV1", "promote catalog 2.0.0").statusCode(200);
        Operation op = active();
        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "status catalog", slack.responseUrl(responseId))).statusCode(200);
        Instant deadline = Instant.now().plusSeconds(10);
        while (slack.calls("response_url:" + responseId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        String body = slack.calls("response_url:" + responseId).get(0).body();
        assertTrue(body.contains(op.id.toString()) && body.contains("step 1/"), body);
        assertTrue(body.contains("No operation in flight."), "production has none: " + body);
    }

    @Test
    void replicaRoutedServicesArePromotedToo() throws SQLException {
        Operations.endActive(dataSource, "notifications");
        SlackRequests.command("U0DEV1", "promote notifications 3.0.0").statusCode(200)
                .body("text", allOf(containsString("Promotion of `notifications`"), containsString("started")));
        Operations.endActive(dataSource, "notifications");
    }

    @Test
    void buttonsArePolicyCheckedAnsweredAndRecorded() throws Exception {
        SlackRequests.command("U0DEV1", "promote catalog 2.0.0").statusCode(200);
        Operation op = active();

        String refused = click("U0STRANGER", OperationMessage.ABORT, op.id).body();
        assertTrue(refused.contains("Only"), refused);
        assertEquals(Phase.PENDING, active().phase);

        assertTrue(click("U0DEV1", OperationMessage.PAUSE, op.id).body().contains("Paused"));
        assertEquals(Phase.PAUSED, active().phase);
        assertTrue(click("U0DEV1", OperationMessage.PAUSE, op.id).body().contains("Nothing to do"), "a second pause changes nothing");

        assertTrue(click("U0DEV1", OperationMessage.ABORT, op.id).body().contains("Aborted"));
        Operation aborted = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(op.id));
        assertTrue(aborted.onRollbackPath);
        assertTrue(aborted.endReason.contains("aborted by <@U0DEV1>"), aborted.endReason);
        List<String> decisions = audit.latest(Optional.of("catalog"), 10).stream()
                .filter(r -> op.id.toString().equals(r.operationId)).map(r -> r.action + ":" + r.decision + ":" + r.actorId).toList();
        assertTrue(decisions.contains("abort:REFUSED:U0STRANGER"), decisions.toString());
        assertTrue(decisions.contains("promote.paused:STATE_CHANGE:U0DEV1"), decisions.toString());
        assertTrue(decisions.contains("promote.aborted:ABORTED:U0DEV1"), decisions.toString());
    }
}
