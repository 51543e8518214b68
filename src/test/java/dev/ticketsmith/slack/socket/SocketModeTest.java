package dev.ticketsmith.slack.socket;

import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.FakeSocketModeResource;
import dev.ticketsmith.testing.FakeSocketModeServer;
import dev.ticketsmith.testing.FakeSocketModeServer.Ack;
import dev.ticketsmith.testing.FakeSocketModeServer.Link;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static dev.ticketsmith.testing.SocketModeEnvelopes.buttonClick;
import static dev.ticketsmith.testing.SocketModeEnvelopes.envelope;
import static dev.ticketsmith.testing.SocketModeEnvelopes.newEnvelopeId;
import static dev.ticketsmith.testing.SocketModeEnvelopes.slashCommand;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket Mode end to end against a local server that speaks Slack's envelope protocol: the same
 * handlers, delivery keys and audit trail as {@code /slack/events}, acknowledgements within Slack's
 * 3 seconds, redeliveries dropped, and new connections (through {@code apps.connections.open}) after
 * Slack asks for one or the network drops one.
 */
@QuarkusTest
@TestProfile(SocketModeTest.SocketMode.class)
@WithKubernetesTestServer(crud = true)
class SocketModeTest {

    /** Socket Mode on, against the fake Slack Web API and the fake Socket Mode server. */
    public static class SocketMode implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSocketModeResource.class));
        }
    }

    private static final Duration SLACK_ACK_LIMIT = Duration.ofSeconds(3);
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    private final FakeSocketModeServer server = FakeSocketModeResource.server();
    private final FakeSlackApi slack = FakeSlackResource.api();

    @Test
    void aSlashCommandIsAcknowledgedWithItsReplyAndAudited() throws Exception {
        String user = newUser();
        Ack ack = command(server.awaitLink(1, GENEROUS), user, "help", 0);
        assertTrue(ack.hasPayload(), "a slash command's reply travels in the acknowledgement");
        assertEquals("ephemeral", ack.payload().get("response_type").getAsString());
        assertTrue(ack.payload().get("text").getAsString().contains("promote"), ack.payload().toString());
        assertEquals(List.of("/ticketsmith help"), auditedCommands(user));
    }

    @Test
    void aButtonClickReachesTheInteractionHandler() throws Exception {
        String user = newUser();
        String reply = UUID.randomUUID().toString();
        String id = newEnvelopeId();
        server.send(server.awaitLink(1, GENEROUS), envelope(id, "interactive",
                buttonClick(user, "C0OPS", "retired-button", "x", slack.responseUrl(reply)), false, 0));
        Ack ack = server.awaitAck(id, SLACK_ACK_LIMIT);
        assertFalse(ack.hasPayload(), "a click is acknowledged bare; the answer goes to the response_url");
        awaitTrue(() -> !slack.calls("response_url:" + reply).isEmpty(), "the clicker was answered");
        assertTrue(slack.calls("response_url:" + reply).get(0).body().contains("not active any more"));
        assertEquals(List.of("button retired-button"), auditedCommands(user));
    }

    @Test
    void aRedeliveredEnvelopeIsAcknowledgedButNotHandledTwice() throws Exception {
        String user = newUser();
        Link link = server.awaitLink(1, GENEROUS);
        var payload = slashCommand(user, "C0OPS", "help", slack.responseUrl(UUID.randomUUID().toString()));
        Ack first = send(link, envelope(newEnvelopeId(), "slash_commands", payload, true, 0));
        Ack again = send(link, envelope(newEnvelopeId(), "slash_commands", payload, true, 1));
        assertTrue(first.hasPayload());
        assertFalse(again.hasPayload(), "the repeat gets a bare acknowledgement: no second reply");
        assertEquals(List.of("/ticketsmith help"), auditedCommands(user));

        String reply = UUID.randomUUID().toString();
        var click = buttonClick(user, "C0OPS", "retired-button", "x", slack.responseUrl(reply));
        send(link, envelope(newEnvelopeId(), "interactive", click, false, 0));
        send(link, envelope(newEnvelopeId(), "interactive", click, false, 2));
        awaitTrue(() -> !slack.calls("response_url:" + reply).isEmpty(), "the clicker was answered");
        assertEquals(List.of("/ticketsmith help", "button retired-button"), auditedCommands(user));
        assertEquals(1, slack.calls("response_url:" + reply).size(), "one answer to one click");
    }

    @Test
    void aRefreshRequestOpensANewConnectionThroughAppsConnectionsOpen() throws Exception {
        Link old = server.awaitLink(1, GENEROUS);
        int issued = server.ticketsIssued();
        server.requestRefresh(old);
        Link fresh = server.awaitLink(issued + 1, GENEROUS);
        old.closed().get(GENEROUS.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(fresh.ticket() > old.ticket());
        Ack ack = command(fresh, newUser(), "help", 0);
        assertEquals(fresh.ticket(), ack.ticket(), "acknowledged on the new connection");
    }

    @Test
    void aDroppedConnectionIsReplaced() throws Exception {
        Link old = server.awaitLink(1, GENEROUS);
        int issued = server.ticketsIssued();
        server.dropAbruptly(old);
        Link fresh = server.awaitLink(issued + 1, GENEROUS);
        assertTrue(fresh.ticket() > old.ticket(), "a new URL from apps.connections.open, not the old one again");
        Ack ack = command(fresh, newUser(), "help", 0);
        assertEquals(fresh.ticket(), ack.ticket());
    }

    @Test
    void aReconnectSlackRefusesIsTriedAgain() throws Exception {
        Link old = server.awaitLink(1, GENEROUS);
        int issued = server.ticketsIssued();
        int calls = slack.calls("apps.connections.open").size();
        slack.refuseNext("apps.connections.open", "internal_error", 1);
        server.dropAbruptly(old);
        Link fresh = server.awaitLink(issued + 1, GENEROUS);
        assertTrue(slack.calls("apps.connections.open").size() >= calls + 2, "refused once, then asked again");
        assertEquals(fresh.ticket(), command(fresh, newUser(), "help", 0).ticket());
    }

    @Test
    void anEnvelopeNoHandlerTakesIsStillAcknowledged() throws Exception {
        var event = new com.google.gson.JsonObject();
        event.addProperty("type", "event_callback");
        event.addProperty("team_id", "T0FAKE");
        var inner = new com.google.gson.JsonObject();
        inner.addProperty("type", "app_home_opened");
        inner.addProperty("user", "U0DEV1");
        event.add("event", inner);
        String id = newEnvelopeId();
        server.send(server.awaitLink(1, GENEROUS), envelope(id, "events_api", event, false, 0));
        assertFalse(server.awaitAck(id, SLACK_ACK_LIMIT).hasPayload(), "acknowledged, so Slack does not send it again");
    }

    @Test
    void theConnectionIsReportedInTheSlackHealthGroupAndNotInReadiness() throws Exception {
        server.awaitLink(1, GENEROUS);
        RestAssured.get("/q/health/group/slack").then().statusCode(200)
                .body("checks.find { it.name == 'Slack Socket Mode' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Slack Socket Mode' }.data.mode", equalTo("socket"));
        RestAssured.get("/q/health/ready").then().body(not(containsString("Socket Mode")));
        RestAssured.get("/q/health/live").then().body(not(containsString("Socket Mode")));
    }

    @Test
    void theHttpEndpointRefusesWhileSocketModeIsOn() {
        SlackRequests.command("U0DEV1", "help").statusCode(404);
    }

    /** Sends a slash command and returns its acknowledgement, which must come within Slack's 3 seconds. */
    private Ack command(Link link, String user, String text, int retryAttempt) throws Exception {
        var payload = slashCommand(user, "C0OPS", text, slack.responseUrl(UUID.randomUUID().toString()));
        return send(link, envelope(newEnvelopeId(), "slash_commands", payload, true, retryAttempt));
    }

    private Ack send(Link link, String envelope) throws Exception {
        return server.sendAndAwaitAck(link, envelope, SLACK_ACK_LIMIT);
    }

    private List<String> auditedCommands(String user) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT command_text FROM audit_record WHERE actor_id = ? ORDER BY seq")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                List<String> commands = new java.util.ArrayList<>();
                while (rs.next()) {
                    commands.add(rs.getString(1));
                }
                return commands;
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + GENEROUS + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String newUser() {
        return "U0S" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }
}
