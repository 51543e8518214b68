package dev.ticketsmith.slack;

import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Slack adapter against the fake Web API: rate limits, server errors, refusals. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class SlackWebApiTest {

    @Inject
    SlackWebApi api;

    FakeSlackApi slack;

    @BeforeEach
    void fake() {
        slack = FakeSlackResource.api();
    }

    private List<FakeSlackApi.Call> updatesOf(String ts) {
        return slack.calls(c -> c.method().equals("chat.update") && ts.equals(c.param("ts")));
    }

    @Test
    void a429IsRetriedAfterTheTimeSlackAsks() {
        String ts = "1.000" + System.nanoTime();
        slack.failNext("chat.update", 429, "1", 1);
        long start = System.nanoTime();
        api.updateMessage("C0OPS", ts, "hello", List.of(Blocks.section("hello")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(2, updatesOf(ts).size(), "one limited attempt, one that went through");
        assertTrue(took.compareTo(Duration.ofMillis(950)) >= 0, "waited " + took);
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() {
        String ts = "2.000" + System.nanoTime();
        slack.failNext("chat.update", 503, null, 2);
        api.updateMessage("C0OPS", ts, "hello", List.of());
        assertEquals(3, updatesOf(ts).size());

        String ts2 = "3.000" + System.nanoTime();
        slack.failNext("chat.update", 500, null, 10);
        SlackCallFailed failed = assertThrows(SlackCallFailed.class, () -> api.updateMessage("C0OPS", ts2, "x", List.of()));
        assertEquals("chat.update", failed.method());
        assertEquals(4, updatesOf(ts2).size(), "the first attempt and three retries");
        slack.reset();
    }

    @Test
    void postingReturnsTheMessageTimestamp() {
        String ts = api.postMessage("C0OPS", null, "release", List.of(Blocks.section("release")));
        assertTrue(ts.matches("\\d+\\.\\d{6}"), ts);
        FakeSlackApi.Call call = slack.calls("chat.postMessage").get(slack.calls("chat.postMessage").size() - 1);
        assertEquals("C0OPS", call.param("channel"));
        assertTrue(call.param("blocks").contains("release"));
    }

    @Test
    void aResponseUrlGetsAnEphemeralJsonReply() {
        String id = UUID.randomUUID().toString();
        api.respond(slack.responseUrl(id), SlackReply.ephemeral("*done*"));
        String body = slack.calls("response_url:" + id).get(0).body();
        assertTrue(body.contains("\"response_type\":\"ephemeral\""), body);
        assertTrue(body.contains("*done*"), body);
    }
}
