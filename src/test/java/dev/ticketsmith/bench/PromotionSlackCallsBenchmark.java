package dev.ticketsmith.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.slack.live.LiveMessages;
import dev.ticketsmith.slack.live.ThreadNotes;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Slack Web API calls one canary promotion costs: the test catalogue's {@code checkout} in staging
 * (canary, readiness, smoke, HPA pin, 10 → 50 → 100 % with 1 s holds, finalise, HPA restore,
 * scale-down after 1 s) run end to end at the production cadence: a reconcile tick every second,
 * the live message and its thread refreshed every second. Prints the calls by kind and writes them
 * to target/benchmark/. Run: {@code ./mvnw verify -Pbenchmark}. Asserts only that the promotion
 * succeeded.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class PromotionSlackCallsBenchmark {

    private static final String NS = "shop-staging";

    @Inject
    KubernetesClient kube;

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    LiveMessages live;

    @Inject
    ThreadNotes threadNotes;

    @Inject
    Catalog catalog;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void slackCallsPerPromotion() throws Exception {
        HttpServer endpoints = LocalEndpoints.start();
        try {
            Operations.endActive(dataSource, "checkout");
            Operations.quietMessages(dataSource);
            CheckoutCluster.seed(kube, NS, 20);
            FakeSlackApi slack = FakeSlackResource.api();
            Instant from = Instant.now();
            Operation op = assertInstanceOf(StartResult.Started.class, engine.start(PromotionPlan.build(
                    catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(), "1.4.2", "U0DEV1", "dev")))
                    .operation();
            Operation now = OperationDriver.load(op.id);
            long started = System.nanoTime();
            while (Phase.TICKING.contains(now.phase) || Operations.pendingThreadNotes(dataSource, op.id) > 0
                    || now.messageShown < now.messageVersion) {
                CheckoutCluster.canaryBecomesReady(kube, NS);
                reconciler.tick();
                live.refresh();
                threadNotes.run();
                Thread.sleep(1000);
                now = OperationDriver.load(op.id);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(Phase.SUCCEEDED, now.phase, now.endReason);

            List<FakeSlackApi.Call> calls = slack.calls(c -> !c.at().isBefore(from) && c.method().startsWith("chat."));
            long posts = calls.stream().filter(c -> c.method().equals("chat.postMessage") && c.param("thread_ts") == null).count();
            long threadReplies = calls.stream().filter(c -> c.method().equals("chat.postMessage") && c.param("thread_ts") != null).count();
            long edits = calls.stream().filter(c -> c.method().equals("chat.update")).count();
            String table = String.join("\n",
                    "| promotion | steps | seconds | message versions | live message posts | edits (chat.update) | thread replies | Slack calls |",
                    "|---|---|---|---|---|---|---|---|",
                    String.format(Locale.ROOT, "| checkout, staging | %d | %.0f | %d | %d | %d | %d | %d |", op.steps.size(), seconds,
                            now.messageVersion, posts, edits,
                            threadReplies, posts + edits + threadReplies));
            System.out.println("\nSlack calls per promotion (tick, live refresh and thread every 1 s)\n" + table + "\n");
            Path out = Path.of("target", "benchmark", "slack-calls-per-promotion.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table + "\n");
        } finally {
            endpoints.stop(0);
        }
    }
}
