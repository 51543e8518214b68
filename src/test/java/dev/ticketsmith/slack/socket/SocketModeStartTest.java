package dev.ticketsmith.slack.socket;

import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.FakeSocketModeResource;
import dev.ticketsmith.testing.FakeSocketModeServer;
import dev.ticketsmith.testing.FakeSocketModeServer.Ack;
import dev.ticketsmith.testing.FakeSocketModeServer.Link;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.ticketsmith.testing.SocketModeEnvelopes.envelope;
import static dev.ticketsmith.testing.SocketModeEnvelopes.newEnvelopeId;
import static dev.ticketsmith.testing.SocketModeEnvelopes.slashCommand;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack out of reach when TICKETSMITH starts ({@code apps.connections.open} answers 503 twice) does
 * not stop the start: the application serves, and the first connection opens once Slack answers.
 */
@QuarkusTest
@TestProfile(SocketModeStartTest.SlackUnreachableAtStart.class)
@WithKubernetesTestServer(crud = true)
class SocketModeStartTest {

    /** Socket Mode on; the first two apps.connections.open calls fail with 503. */
    public static class SlackUnreachableAtStart implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeSocketModeResource.class, Map.of("unavailable-first", "2")));
        }
    }

    @Test
    void theApplicationStartsAndConnectsOnceSlackAnswers() throws Exception {
        RestAssured.get("/q/health/live").then().statusCode(200);
        FakeSocketModeServer server = FakeSocketModeResource.server();
        Link link = server.awaitLink(1, Duration.ofSeconds(60));
        int calls = FakeSlackResource.api().calls("apps.connections.open").size();
        assertTrue(calls >= 3, "two refused calls, then the one that gave the URL; saw " + calls);
        var payload = slashCommand("U0DEV1", "C0OPS", "help", FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()));
        Ack ack = server.sendAndAwaitAck(link, envelope(newEnvelopeId(), "slash_commands", payload, true, 0), Duration.ofSeconds(3));
        assertTrue(ack.payload().get("text").getAsString().contains("promote"), ack.payload().toString());
    }
}
