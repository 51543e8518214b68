package dev.ticketsmith.slack;

import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.SlackRequests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.ticketsmith.testing.SlackRequests.SECRET;
import static dev.ticketsmith.testing.SlackRequests.sign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Request verification at the door: what gets through to Bolt and what is refused, and how. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class SlackEndpointTest {

    private static String helpBody() {
        return SlackRequests.slashCommand("U0DEV1", "C0OPS", "help",
                FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()));
    }

    private static io.restassured.response.ValidatableResponse post(String body, String timestamp, String signature) {
        var request = RestAssured.given().contentType("application/x-www-form-urlencoded");
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.body(body).post("/slack/events").then();
    }

    @Test
    void aCorrectlySignedCommandIsAnswered() {
        SlackRequests.postSigned(helpBody()).statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("promote"));
    }

    @Test
    void aForgedSignatureIsRefusedWithAGenericBody() {
        String body = helpBody();
        long ts = SlackRequests.now();
        post(body, Long.toString(ts), sign("not-the-secret", ts, body)).statusCode(401)
                .body("error", equalTo("invalid_request"))
                .body(not(containsString("signature")));
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String body = helpBody();
        long ts = SlackRequests.now();
        post(body.replace("help", "status"), Long.toString(ts), sign(SECRET, ts, body)).statusCode(401);
    }

    @Test
    void aStaleTimestampIsRefused() {
        String body = helpBody();
        long ts = SlackRequests.now() - 6 * 60;
        post(body, Long.toString(ts), sign(SECRET, ts, body)).statusCode(401);
    }

    @Test
    void aFutureTimestampIsRefused() {
        String body = helpBody();
        long ts = SlackRequests.now() + 6 * 60;
        post(body, Long.toString(ts), sign(SECRET, ts, body)).statusCode(401);
    }

    @Test
    void missingHeadersAreRefused() {
        String body = helpBody();
        long ts = SlackRequests.now();
        post(body, null, sign(SECRET, ts, body)).statusCode(401);
        post(body, Long.toString(ts), null).statusCode(401);
        post(body, null, null).statusCode(401);
        post(body, "not-a-number", sign(SECRET, ts, body)).statusCode(401);
    }

    @Test
    void anOversizeBodyIsRefusedBeforeVerification() {
        String body = helpBody() + "&padding=" + "x".repeat(64 * 1024);
        long ts = SlackRequests.now();
        post(body, Long.toString(ts), sign(SECRET, ts, body)).statusCode(413);
    }

    @Test
    void aWrongContentTypeIsRefused() {
        String body = helpBody();
        long ts = SlackRequests.now();
        RestAssured.given().contentType("text/plain")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", sign(SECRET, ts, body))
                .body(body).post("/slack/events").then().statusCode(415);
        RestAssured.given().body(new byte[0]).post("/slack/events").then().statusCode(415);
    }

    @Test
    void aSignedPayloadBoltCannotPlaceIsA4xxNotA500() {
        SlackRequests.postSigned("foo=bar").statusCode(400);
    }

    @Test
    void refusalsAreCountedByReason() {
        String body = helpBody();
        long ts = SlackRequests.now() + 3600;
        post(body, Long.toString(ts), sign(SECRET, ts, body)).statusCode(401);
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ticketsmith_slack_requests_refused_total{reason=\"future_timestamp\"}"));
    }

    @Test
    void sslCheckIsAcknowledged() {
        SlackRequests.postSigned("ssl_check=1&token=legacy-verification-token").statusCode(200);
    }
}
