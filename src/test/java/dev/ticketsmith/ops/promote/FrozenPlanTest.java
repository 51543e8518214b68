package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.CatalogLoader;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.live.ApprovalButtons;
import dev.ticketsmith.slack.live.OperationMessage;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan is the contract: a promotion planned under one catalogue runs by it after the
 * catalogue (a ConfigMap) changed, its approval gate asks for the approvals it was planned with,
 * and {@code status} says that the catalogue changed since.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class FrozenPlanTest {

    private static HttpServer endpoints;
    private static volatile String errorRate = "0.2";

    @Inject
    KubernetesClient kube;

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    Catalog live;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ApprovalButtons approvals;

    @BeforeAll
    static void endpoints() throws Exception {
        endpoints = LocalEndpoints.start(() -> 200, () -> errorRate, q -> {
        });
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void cluster() throws Exception {
        Operations.endAllActive(dataSource);
        CheckoutCluster.seed(kube, "shop-staging", 4);
        CheckoutCluster.seed(kube, "shop-prod", 4);
    }

    /** The catalogue as it was when the plan was made: a looser error-rate bound, one production approval. */
    private static Catalog then() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/test-catalog.yaml"))
                .replace("max: 0.05", "max: 0.5")
                .replace("approvals: 2", "approvals: 1");
        return CatalogLoader.parse(yaml, "catalog-then.yaml");
    }

    private Operation start(Catalog catalog, String env) {
        var request = PromotionPlan.build(catalog.service("checkout", env), catalog.environment(env).orElseThrow(), "1.4.2", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, () -> {
            CheckoutCluster.canaryBecomesReady(kube, "shop-staging");
            CheckoutCluster.canaryBecomesReady(kube, "shop-prod");
        });
    }

    @Test
    void aPromotionRunsByTheCatalogueItWasPlannedWith() throws Exception {
        errorRate = "0.2"; // above the live bound (0.05), within the planned one (0.5)
        Operation op = start(then(), "staging");
        Operation done = driver().runUntil(op.id, o -> false);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals("0.5", done.context.get("analysis.query.0.max"));
    }

    @Test
    void theApprovalGateAsksForTheApprovalsThePlanWasMadeWith() throws Exception {
        errorRate = "0.001";
        Operation op = start(then(), "production");
        Operation waiting = driver().runUntil(op.id, o -> o.phase == Phase.AWAITING_APPROVAL);
        assertEquals(Phase.AWAITING_APPROVAL, waiting.phase);
        approvals.handle(new ButtonClick("U0LEAD1", "lead", "T0FAKE", "C0PROD", OperationMessage.APPROVE, op.id.toString(), "1.0", null));
        Operation past = driver().runUntil(op.id, o -> o.currentStep() != null && o.currentStep().type().equals("hpa.pin"));
        assertEquals("hpa.pin", past.currentStep().type(), "one approval was enough for this plan (the catalogue asks two now): "
                + past.latestReason());
    }

    @Test
    void statusSaysWhenTheCatalogueChangedAfterThePlanWasMade() throws Exception {
        Operation op = start(then(), "staging");
        FakeSlackApi slack = FakeSlackResource.api();
        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "status checkout", slack.responseUrl(responseId)))
                .statusCode(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (slack.calls("response_url:" + responseId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        String reply = slack.calls("response_url:" + responseId).get(0).body();
        assertTrue(reply.contains("The catalogue changed after this plan was made (changed: analysis.query.0.max)"), reply);
        assertTrue(reply.contains(op.id.toString()), reply);

        Operation fresh = start(live, "production");
        assertTrue(PlanDrift.of(fresh, live).isEmpty(), "a plan made from the catalogue as it is has no drift");
    }
}
