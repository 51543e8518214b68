package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.testing.CheckoutCluster;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metric analysis that can fail: no data is not a pass (a mistyped query rolls the release back
 * after its no-data limit, and meanwhile holds it), a query returning several series fails at
 * once, and data that arrives in time lets the release go on.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class MetricAnalysisTest {

    private static final String NS = "shop-staging";
    private static final AtomicReference<String> METRIC = new AtomicReference<>("0.001");
    private static HttpServer endpoints;

    @Inject
    KubernetesClient kube;

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    Catalog catalog;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void endpoints() throws Exception {
        endpoints = LocalEndpoints.start(() -> 200, METRIC::get, q -> {
        });
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void cluster() throws Exception {
        Operations.endAllActive(dataSource);
        CheckoutCluster.seed(kube, NS, 4);
        METRIC.set("0.001");
    }

    private Operation start() {
        var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(),
                "1.4.2", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, () -> CheckoutCluster.canaryBecomesReady(kube, NS));
    }

    @Test
    void aQueryThatNeverReturnsDataRollsTheReleaseBack() throws Exception {
        METRIC.set("none");
        Operation done = driver().runUntil(start().id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase, done.endReason);
        assertTrue(done.endReason.contains("error rate returned no data 3 times in a row"), done.endReason);
    }

    @Test
    void noDataHoldsTheStepUntilDataComes() throws Exception {
        Operation op = start();
        OperationDriver driver = driver();
        driver.runUntil(op.id, OperationDriver.at("canary.weight", "50"));
        METRIC.set("none");
        Operation holding = driver.runUntil(op.id, o -> o.latestReason() != null && o.latestReason().contains("no data yet (2/3)"));
        assertTrue(OperationDriver.at("canary.weight", "50").test(holding), "no more traffic and no hold completes without data");
        METRIC.set("0.001");
        Operation done = driver.runUntil(op.id, o -> false);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
    }

    @Test
    void aQueryReturningSeveralSeriesFailsAtOnce() throws Exception {
        METRIC.set("series:3");
        Operation done = driver().runUntil(start().id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase, done.endReason);
        assertTrue(done.endReason.contains("error rate returned 3 series"), done.endReason);
    }
}
