package dev.ticketsmith.scale;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.promote.PromotionPlan;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.slack.live.ScaleApprovalButtons;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaling overrides from Slack against the mock cluster: the HPA's bounds (or a Deployment's
 * replicas) are set and given back when the override ends, exactly once across replicas and
 * restarts; a person's change in between is reported and kept; the catalogue's guardrails refuse
 * or ask for an approver; and an override and a promotion's pin give the higher floor, each ending
 * right in either order.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class ScalingOverridesTest {

    private static final String STAGING = "shop-staging";
    private static HttpServer endpoints;

    @Inject
    KubernetesClient kube;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScalingOverrides overrides;

    @Inject
    ChannelAnnouncements announcements;

    @Inject
    ScaleApprovalButtons approvals;

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    Catalog catalog;

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
        sql("UPDATE scaling_override SET state = 'ENDED' WHERE state <> 'ENDED'");
        sql("UPDATE change_lock SET ended_at = now() WHERE ended_at IS NULL");
        sql("DELETE FROM hpa_hold");
        sql("DELETE FROM hpa_owner");
        sql("UPDATE channel_announcement SET posted_at = now() WHERE posted_at IS NULL");
        for (String ns : List.of(STAGING, "shop-prod")) {
            CheckoutCluster.seed(kube, ns, 4);
            kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).resource(new HorizontalPodAutoscalerBuilder()
                    .withNewMetadata().withName("checkout").endMetadata()
                    .withNewSpec().withMinReplicas(2).withMaxReplicas(8)
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("checkout").endScaleTargetRef()
                    .endSpec().build()).createOr(h -> h.update());
        }
        kube.apps().deployments().inNamespace(STAGING).resource(new DeploymentBuilder().withNewMetadata().withName("catalog").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "catalog").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app", "catalog").endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage("registry.test/catalog:2.0").endContainer().endSpec().endTemplate().endSpec().build()).createOr(d -> d.update());
    }

    private void sql(String statement) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private HorizontalPodAutoscaler hpa(String ns) {
        return kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("checkout").get();
    }

    private String bounds(String ns) {
        return hpa(ns).getSpec().getMinReplicas() + "-" + hpa(ns).getSpec().getMaxReplicas();
    }

    /** The command's follow-up applies the override on a worker thread; wait for it. */
    private ScalingOverride applied(String service, String env) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            var o = overrides.current(service, env);
            if (o.isPresent() && o.get().appliedAt != null) {
                return o.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not applied");
    }

    private void expiresNow(String service) throws SQLException {
        sql("UPDATE scaling_override SET expires_at = now() - interval '1 second' WHERE service = '" + service + "' AND state = 'ACTIVE'");
    }

    @Test
    void anOverridePatchesTheHpaAndItsExpiryGivesTheBoundsBackOnceAcrossReplicas() throws Exception {
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=10 for 30s in staging sale").statusCode(200)
                .body("response_type", equalTo("in_channel")).body("text", containsString("3–10 replicas for 30s"));
        applied("checkout", "staging");
        assertEquals("3-10", bounds(STAGING));
        assertTrue(engine.active("checkout", "staging").isEmpty(), "an override is a record, not an operation");

        expiresNow("checkout");
        var pool = Executors.newFixedThreadPool(2); // two replicas, one database
        var a = pool.submit(overrides::expireOne);
        var b = pool.submit(overrides::expireOne);
        assertEquals(1, (a.get() ? 1 : 0) + (b.get() ? 1 : 0), "reverted exactly once");
        pool.shutdown();
        assertTrue(!overrides.expireOne(), "and never again");
        assertEquals("2-8", bounds(STAGING), "the HPA's own bounds are back");
        FakeSlackApi slack = FakeSlackResource.api();
        java.util.function.Predicate<FakeSlackApi.Call> expiry = c -> c.method().equals("chat.postMessage")
                && String.valueOf(c.param("text")).contains("scaling override of `checkout` in staging (3–10")
                && String.valueOf(c.param("text")).contains("has expired");
        int before = slack.calls(expiry).size();
        announcements.post();
        assertEquals(before + 1, slack.calls(expiry).size());
    }

    @Test
    void withoutAnHpaTheDeploymentGetsMinAndItsReplicasBack() throws Exception {
        SlackRequests.command("U0DEV1", "scale catalog min=6 max=9 for 1m in staging").statusCode(200);
        applied("catalog", "staging");
        assertEquals(6, kube.apps().deployments().inNamespace(STAGING).withName("catalog").get().getSpec().getReplicas());
        SlackRequests.command("U0DEV1", "scale catalog reset in staging").statusCode(200)
                .body("text", containsString("Deployment `catalog` back to 3 replicas"));
        assertEquals(3, kube.apps().deployments().inNamespace(STAGING).withName("catalog").get().getSpec().getReplicas());
    }

    @Test
    void aPersonsChangeInBetweenIsReportedAndKept() throws Exception {
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=10 in staging").statusCode(200);
        applied("checkout", "staging");
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(STAGING).withName("checkout")
                .edit(h -> new HorizontalPodAutoscalerBuilder(h).editSpec().withMinReplicas(7).endSpec().build()); // kubectl, at 3 a.m.
        expiresNow("checkout");
        assertTrue(overrides.expireOne());
        assertEquals("7-10", bounds(STAGING), "left as the person set it");
        int before = FakeSlackResource.api().calls(c -> String.valueOf(c.param("text")).contains("a person changed the HPA")).size();
        announcements.post();
        assertEquals(before + 1, FakeSlackResource.api().calls(c -> String.valueOf(c.param("text")).contains("a person changed the HPA")).size());
    }

    @Test
    void theGuardrailsRefuseOrAskForAnApprover() throws Exception {
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=80 in staging").statusCode(200)
                .body("text", containsString("more than the 50 replicas"));
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=10 for 9h in staging").statusCode(200)
                .body("text", containsString("may last at most 8h"));
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=10 for 5s in staging").statusCode(200)
                .body("text", containsString("at least 10s"));
        SlackRequests.command("U0DEV1", "scale checkout min=5 max=30 in production").statusCode(200)
                .body("text", containsString("an approver in production must approve it"));
        ScalingOverride waiting = overrides.current("checkout", "production").orElseThrow();
        assertEquals(ScalingOverride.AWAITING_APPROVAL, waiting.state);
        assertEquals("2-8", bounds("shop-prod"), "nothing changes before the approval");
        assertTrue(approvals.handle(click("U0DEV1", waiting.id)).text().contains("Only"), "a requester is no approver");
        assertTrue(approvals.handle(click("U0LEAD1", waiting.id)).text().contains("Approved"));
        assertEquals("5-30", bounds("shop-prod"));
        assertEquals(ScalingOverride.ACTIVE, overrides.current("checkout", "production").orElseThrow().state);

        SlackRequests.command("U0LEAD2", "scale checkout min=5 max=40 in production").statusCode(200); // an approver asks for more
        ScalingOverride bigger = overrides.all("checkout", "production").stream()
                .filter(o -> o.state.equals(ScalingOverride.AWAITING_APPROVAL)).findFirst().orElseThrow();
        assertTrue(approvals.handle(click("U0LEAD2", bigger.id)).text().contains("You asked for this override"), "never one's own");
        assertTrue(approvals.handle(click("U0LEAD1", waiting.id)).text().contains("not waiting"), "the old button approves nothing");
        assertEquals("5-30", bounds("shop-prod"), "the override in force stays until the new one is approved");
        assertTrue(approvals.handle(click("U0LEAD1", bigger.id)).text().contains("Approved"));
        assertEquals("5-40", bounds("shop-prod"));
        assertEquals(List.of(bigger.id), overrides.all("checkout", "production").stream().map(o -> o.id).toList(), "the replaced one ended");
    }

    @Test
    void anOverrideSetsItsOwnFloorEvenBelowTheHpasAndAHoldOfAnEndedOperationIsReleased() throws Exception {
        SlackRequests.command("U0DEV1", "scale checkout min=1 max=3 in staging quiet night").statusCode(200);
        applied("checkout", "staging");
        assertEquals("1-3", bounds(STAGING), "an override sets both bounds, as the reply says");
        SlackRequests.command("U0DEV1", "scale checkout reset in staging").statusCode(200);
        assertEquals("2-8", bounds(STAGING));

        Operation op = promotionAtTheFirstTrafficStep(); // pins the floor at 4
        Operations.endAllActive(dataSource); // the operation ends without giving its hold back (a failed rollback, say)...
        sql("INSERT INTO hpa_owner (namespace, hpa, base_min, base_max, written_min, written_max) VALUES ('shop-staging', 'checkout', 2, 8, 4, 8)");
        sql("INSERT INTO hpa_hold (namespace, hpa, holder, kind, min_replicas) VALUES ('shop-staging', 'checkout', 'promote:" + op.id + "', 'promotion', 4)");
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE operation SET phase = 'FAILED' WHERE id = '" + op.id + "'");
        }
        assertEquals(1, QuarkusTransactionAware.call(() -> bounds_().releaseOrphans()), "...so the sweep lets it go");
        assertEquals("2-8", bounds(STAGING));
    }

    @Inject
    dev.ticketsmith.kube.HpaBounds hpaBounds;

    private dev.ticketsmith.kube.HpaBounds bounds_() {
        return hpaBounds;
    }

    /** Runs in a transaction of its own. */
    private static final class QuarkusTransactionAware {
        static <T> T call(java.util.concurrent.Callable<T> work) {
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(work);
        }
    }

    private static ButtonClick click(String user, long id) {
        return new ButtonClick(user, "name", "T0FAKE", "C0PROD", ScaleApprovalButtons.APPROVE, Long.toString(id), "1.0", null);
    }

    private Operation promotionAtTheFirstTrafficStep() throws Exception {
        var request = PromotionPlan.build(catalog.service("checkout", "staging"), catalog.environment("staging").orElseThrow(), "1.4.2",
                "U0DEV1", "dev");
        Operation op = assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
        new OperationDriver(reconciler, dataSource, () -> CheckoutCluster.canaryBecomesReady(kube, STAGING))
                .runUntil(op.id, OperationDriver.at("canary.weight", "10"));
        assertEquals("4-8", bounds(STAGING), "the promotion pins the floor at the 4 running replicas");
        return op;
    }

    private Operation finish(Operation op) throws Exception {
        return new OperationDriver(reconciler, dataSource, () -> CheckoutCluster.canaryBecomesReady(kube, STAGING)).runUntil(op.id, o -> false);
    }

    @Test
    void anOverrideEndingBeforeAPromotionLeavesItsFloor() throws Exception {
        Operation op = promotionAtTheFirstTrafficStep();
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=12 in staging").statusCode(200);
        applied("checkout", "staging");
        assertEquals("4-12", bounds(STAGING), "the higher floor (the pin), the override's max");
        SlackRequests.command("U0DEV1", "scale checkout reset in staging").statusCode(200);
        assertEquals("4-8", bounds(STAGING), "the pin still holds its floor");
        assertEquals(Phase.SUCCEEDED, finish(op).phase);
        assertEquals("2-8", bounds(STAGING));
    }

    @Test
    void anOverrideOutlastingAPromotionKeepsItsBoundsThenGivesTheOwnBack() throws Exception {
        Operation op = promotionAtTheFirstTrafficStep();
        SlackRequests.command("U0DEV1", "scale checkout min=6 max=12 in staging").statusCode(200);
        applied("checkout", "staging");
        assertEquals("6-12", bounds(STAGING));
        assertEquals(Phase.SUCCEEDED, finish(op).phase);
        assertEquals("6-12", bounds(STAGING), "the override still holds after the promotion");
        expiresNow("checkout");
        assertTrue(overrides.expireOne());
        assertEquals("2-8", bounds(STAGING));
    }
}
