package dev.ticketsmith.ops.engine;

import dev.ticketsmith.logging.LogCapture;
import dev.ticketsmith.metrics.Scrape;
import dev.ticketsmith.metrics.StoredMetrics;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the engine and the Slack door leave in the log's MDC and in the metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class EngineObservabilityTest {

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    StoredMetrics stored;

    @Inject
    AgroalDataSource dataSource;

    private Operation start(List<StepSpec> steps) {
        String target = "obs-" + UUID.randomUUID().toString().substring(0, 8);
        StartResult result = engine.start(new OperationRequest("test", target, "staging", steps, List.of(), "U0DEV1", "dev"));
        return ((StartResult.Started) result).operation();
    }

    @Test
    void aLineLoggedDuringATickCarriesTheOperationId() throws Exception {
        Operation op = start(List.of(StepSpec.of("test.throw", Map.of())));
        try (LogCapture capture = LogCapture.start()) {
            Operations.makeDue(dataSource, op.id);
            reconciler.tick();
            var line = capture.lines().stream().filter(l -> l.message().contains("Step test.throw of test " + op.id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line about the step: " + capture.lines()));
            assertEquals(op.id.toString(), line.mdc().get("operationId"));
        } finally {
            Operations.endActive(dataSource, op.target);
        }
        assertFalse(org.jboss.logging.MDC.getMap().containsKey("operationId"), "cleared after the tick");
    }

    @Test
    void aLineLoggedDuringASlackRequestCarriesItsRequestId() {
        try (LogCapture capture = LogCapture.start()) {
            String body = SlackRequests.slashCommand("U0DEV1", "C0OPS", "help", FakeSlackResource.api().responseUrl("x"));
            long ts = SlackRequests.now() - 3600;
            String id = RestAssured.given().contentType("application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", Long.toString(ts)).header("X-Slack-Signature", SlackRequests.sign(SlackRequests.SECRET, ts, body))
                    .body(body).post("/slack/events").then().statusCode(401).extract().header("X-Ticketsmith-Request-Id");
            var line = capture.lines().stream().filter(l -> l.message().startsWith("Refused a request on /slack/events")).findFirst()
                    .orElseThrow(() -> new AssertionError("no refusal line: " + capture.lines()));
            assertEquals(id, line.mdc().get("slackRequestId"));
        }
    }

    @Test
    void stepDurationsEndingsAndTheOperationsGaugeMove() throws Exception {
        String done = "ticketsmith_operation_step_duration_seconds_count";
        double before = Scrape.now().value(done, "kind=\"test\"", "step=\"test.set\"", "result=\"done\"");
        Operation op = start(List.of(StepSpec.of("test.set", Map.of("key", "k", "value", "v"))));
        for (int i = 0; i < 5; i++) {
            Operations.makeDue(dataSource, op.id);
            reconciler.tick();
        }
        stored.refresh();
        Scrape after = Scrape.now();
        assertEquals(before + 1, after.value(done, "kind=\"test\"", "step=\"test.set\"", "result=\"done\""));
        assertTrue(after.value("ticketsmith_operations_ended_total", "kind=\"test\"", "outcome=\"succeeded\"") >= 1);
        assertTrue(after.value("ticketsmith_operations", "kind=\"test\"", "phase=\"SUCCEEDED\"") >= 1);
        assertTrue(after.has("ticketsmith_operations", "kind=\"test\"", "phase=\"RUNNING\""), "every phase of a kind is a series");
    }
}
