package dev.ticketsmith.ops.rollback;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.release.Release;
import dev.ticketsmith.release.Releases;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeDeploymentController;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ticketsmith rollback} from Slack against the mock cluster, the test playing the deployment
 * controller: a promotion in flight goes back at once at any traffic step, and inside the
 * scale-down delay (the previous version still there) within one reconcile; a finished release goes
 * back to the previous one, or to a named version that ran there, by a fast promotion; a version
 * that never ran is refused; production's break-glass policy needs no approval and says so in the
 * channel.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class RollbackTest {

    private static final String NS = "shop-prod";
    private static final String ACTION = "alb.ingress.kubernetes.io/actions.checkout-route";
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

    @Inject
    Releases releases;

    private FakeDeploymentController controller;

    @BeforeAll
    static void start() throws IOException {
        endpoints = LocalEndpoints.start();
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void cluster() throws SQLException {
        Operations.endAllActive(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM release WHERE service = 'checkout'");
        }
        kube.pods().inNamespace(NS).delete();
        kube.apps().replicaSets().inNamespace(NS).delete();
        kube.services().inNamespace(NS).withName("checkout-canary").delete();
        CheckoutCluster.seed(kube, NS, 4);
        kube.network().v1().ingresses().inNamespace(NS).withName("checkout").edit(i -> {
            i.getMetadata().setAnnotations(null);
            return i;
        });
        FakeSlackResource.api().setGroupMembers("S0ONCALL", java.util.Set.of("U0ONCALL1"));
        controller = new FakeDeploymentController(kube, NS, "checkout", "checkout-canary");
        controller.step();
        controller.step();
    }

    /** A production promotion, approved by two leads (the plan of production asks for two). */
    private Operation promote(String version) throws Exception {
        var request = PromotionPlan.build(catalog.service("checkout", "production"), catalog.environment("production").orElseThrow(),
                version, "U0DEV1", "dev");
        Operation op = assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
        driver().runUntil(op.id, o -> o.phase == Phase.AWAITING_APPROVAL);
        for (String lead : List.of("U0LEAD1", "U0LEAD2")) {
            SlackRequests.postSigned(SlackRequests.buttonClick(lead, "C0PROD", "ticketsmith.approve", op.id.toString(), "1.0",
                    FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()))).statusCode(200);
        }
        return op;
    }

    private OperationDriver driver() {
        return new OperationDriver(reconciler, dataSource, controller::step);
    }

    private String image() {
        return CanaryWorkloads.imageOf(kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app");
    }

    private String action() {
        var annotations = kube.network().v1().ingresses().inNamespace(NS).withName("checkout").get().getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(ACTION, "");
    }

    private boolean canaryHasTraffic() {
        return action().matches(".*\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":[1-9].*");
    }

    private static void rollback(String text) {
        SlackRequests.command("U0ONCALL1", text).statusCode(200);
    }

    @ParameterizedTest(name = "at {0}%")
    @ValueSource(strings = {"10", "50", "100"})
    void aPromotionInFlightGoesBackWithinOneReconcileAtEveryTrafficStep(String weight) throws Exception {
        Operation op = promote("1.4.2");
        driver().runUntil(op.id, o -> OperationDriver.at("canary.weight", weight).test(o)
                && action().contains("\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":" + weight + "}"));
        assertTrue(canaryHasTraffic() && action().contains("\"weight\":" + weight + "}"), "the canary carries " + weight + "%: " + action());

        SlackRequests.command("U0DEV1", "rollback checkout in production errors on pay").statusCode(200)
                .body("response_type", equalTo("in_channel")).body("text", containsString("stopped the promote of `checkout`"));
        Operations.makeDue(dataSource, op.id);
        reconciler.tick(); // one reconcile
        assertFalse(canaryHasTraffic(), "traffic is back on stable after one reconcile: " + action());

        Operation done = driver().runUntil(op.id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase, done.endReason);
        assertTrue(done.endReason.contains("rollback requested by") && done.endReason.contains("errors on pay"), done.endReason);
        assertEquals("registry.test/checkout:1.4.1", image());
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get());
    }

    @Test
    void insideTheScaleDownDelayARollbackIsASwitchBackToTheKeptVersion() throws Exception {
        Operation op = promote("1.4.2");
        driver().runUntil(op.id, OperationDriver.at("canary.keep-previous", null));
        assertTrue(action().contains("\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":100}"), action());
        assertEquals("registry.test/checkout:1.4.1", image(), "the previous version is still there, serving nothing");
        assertEquals(4, kube.apps().deployments().inNamespace(NS).withName("checkout").get().getStatus().getReadyReplicas());

        long start = System.nanoTime();
        rollback("rollback checkout in production");
        Operations.makeDue(dataSource, op.id);
        reconciler.tick();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(canaryHasTraffic(), "the first reconcile after the command moved all traffic back: " + action());
        System.out.printf("ROLLBACK INSIDE THE DELAY: traffic back on the previous version %d ms after the command (command + one reconcile)%n", millis);

        Operation done = driver().runUntil(op.id, o -> false);
        assertEquals(Phase.ROLLED_BACK, done.phase, done.endReason);
        assertEquals("registry.test/checkout:1.4.1", image());
        assertTrue(releases.latest("checkout", "production", 5).stream().noneMatch(r -> r.image.contains("1.4.2")),
                "a release rolled back before it finished is not recorded as one");
    }

    @Test
    void afterTheDelayARollbackIsAFastPromotionOfThePreviousRelease() throws Exception {
        Operation first = promote("1.4.2");
        assertEquals(Phase.SUCCEEDED, driver().runUntil(first.id, o -> false).phase);
        assertEquals("registry.test/checkout:1.4.2", image());
        List<Release> recorded = releases.latest("checkout", "production", 5);
        assertEquals(List.of("1.4.2", "1.4.1"), recorded.stream().map(Release::version).toList());
        assertEquals(List.of("promote", "observed"), recorded.stream().map(r -> r.kind).toList());

        rollback("rollback checkout in production");
        Operation rb = engine.active("checkout", "production").orElseThrow();
        assertEquals("rollback", rb.kind);
        assertFalse(rb.steps.stream().anyMatch(s -> s.type().equals("gate.approval")), "break-glass: no approval");
        assertEquals(1, rb.steps.stream().filter(s -> s.type().equals("canary.weight")).count(), "one step to 100 %, no hold");
        Operation done = driver().runUntil(rb.id, o -> false);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals("registry.test/checkout:1.4.1", image());
        Release current = releases.current("checkout", "production").orElseThrow();
        assertEquals("rollback", current.kind);
        assertEquals("U0ONCALL1", current.actorId);
        assertFalse(action().contains("checkout-canary"), action());
    }

    @Test
    void aNamedVersionMustHaveRunThere() throws Exception {
        assertEquals(Phase.SUCCEEDED, driver().runUntil(promote("1.4.2").id, o -> false).phase);
        SlackRequests.command("U0DEV1", "rollback checkout to 9.9.9 in production").statusCode(200)
                .body("text", containsString("`9.9.9` never ran in production"));
        assertTrue(engine.active("checkout", "production").isEmpty(), "nothing started");

        rollback("rollback checkout to 1.4.1 in production");
        Operation rb = engine.active("checkout", "production").orElseThrow();
        assertEquals("registry.test/checkout:1.4.1", rb.steps.get(0).param("artifact"));
        assertEquals(Phase.SUCCEEDED, driver().runUntil(rb.id, o -> false).phase);
        assertEquals("registry.test/checkout:1.4.1", image());
    }

    @Test
    void aSecondRollbackNeverUndoesTheFirstAndAReleaseRolledBackFromIsNotGoneBackTo() throws Exception {
        assertEquals(Phase.SUCCEEDED, driver().runUntil(promote("1.4.2").id, o -> false).phase);
        rollback("rollback checkout in production");
        Operation first = engine.active("checkout", "production").orElseThrow();
        SlackRequests.command("U0DEV1", "rollback checkout in production").statusCode(200)
                .body("text", containsString("already rolling back"));
        assertFalse(engine.active("checkout", "production").orElseThrow().onRollbackPath, "the first rollback goes on");
        assertEquals(Phase.SUCCEEDED, driver().runUntil(first.id, o -> false).phase);
        assertEquals("registry.test/checkout:1.4.1", image());

        SlackRequests.command("U0DEV1", "rollback checkout in production").statusCode(200)
                .body("text", containsString("no earlier release"));
        SlackRequests.command("U0DEV1", "rollback checkout to 1.4.2 in production").statusCode(200)
                .body("text", containsString("`1.4.2` never ran in production before the current release (or was rolled back from)"));
    }

    @Test
    void nothingToRollBackToIsExplained() {
        SlackRequests.command("U0DEV1", "rollback checkout in production").statusCode(200)
                .body("text", containsString("no earlier release of `checkout` in production"));
    }

    @Test
    void aRollbackPlanAsksForOneApproverWhereTheEnvironmentSaysApproval() throws Exception {
        var env = catalog.environment("production").orElseThrow();
        var strict = new dev.ticketsmith.catalog.EnvironmentSpec(env.name(), env.namespace(), env.channel(), env.requesters(), env.approvers(),
                env.oncall(), 2, env.approvalTtl(), dev.ticketsmith.catalog.EnvironmentSpec.RollbackMode.APPROVAL, env.provenance(), env.freezes(), env.cluster());
        var plan = PromotionPlan.build(catalog.service("checkout", "production"), strict, "registry.test/checkout:1.4.1", "U0DEV1", "dev", true);
        assertEquals(List.of(Map.of("approvals", "1", "ttl", env.approvalTtl().toString())), plan.steps().stream()
                .filter(s -> s.type().equals("gate.approval")).map(s -> s.params()).toList());
        var breakGlass = PromotionPlan.build(catalog.service("checkout", "production"), env, "registry.test/checkout:1.4.1", "U0DEV1", "dev", true);
        assertTrue(breakGlass.steps().stream().noneMatch(s -> s.type().equals("gate.approval")));
    }
}
