package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.slack.ButtonClick;
import dev.ticketsmith.slack.live.ApprovalButtons;
import dev.ticketsmith.slack.live.OperationMessage;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Canary promotions through the engine against the Kubernetes mock server, the test playing the
 * deployment controller (it marks canary replicas ready, or makes a canary pod crash-loop).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class PromotionFlowTest {

    private static final String NS = "shop-staging";
    private static final String ACTION = "alb.ingress.kubernetes.io/actions.checkout-route";
    private static final AtomicInteger SMOKE_STATUS = new AtomicInteger(200);
    private static final AtomicReference<String> ERROR_RATE = new AtomicReference<>("0.001");
    private static final AtomicReference<String> LAST_QUERY = new AtomicReference<>();
    private static HttpServer smoke;

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
    ApprovalButtons approvals;

    @Inject
    AuditTrail audit;

    @BeforeAll
    static void smokeEndpoint() throws IOException {
        smoke = LocalEndpoints.start(SMOKE_STATUS::get, ERROR_RATE::get, LAST_QUERY::set);
    }

    @AfterAll
    static void stopSmoke() {
        smoke.stop(0);
    }

    @BeforeEach
    void cluster() throws SQLException {
        Operations.endActive(dataSource, "checkout");
        SMOKE_STATUS.set(200);
        ERROR_RATE.set("0.001");
        seed(NS);
        seed("shop-prod");
    }

    private void seed(String NS) {
        kube.pods().inNamespace(NS).delete();
        CheckoutCluster.seed(kube, NS, 20);
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("checkout-canary").delete();
        kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("checkout").endMetadata()
                .withNewSpec().withMinReplicas(4).withMaxReplicas(30)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("checkout").endScaleTargetRef()
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(70).endTarget().endResource().endMetric()
                .endSpec().build()).createOr(h -> h.update());
    }

    private Operation start() {
        return start("staging");
    }

    private Operation start(String environment) {
        var request = PromotionPlan.build(catalog.service("checkout", environment), catalog.environment(environment).orElseThrow(),
                "1.4.2", "U0DEV1", "dev");
        return assertInstanceOf(StartResult.Started.class, engine.start(request)).operation();
    }

    private Operation load(UUID id) {
        return OperationDriver.load(id);
    }

    private void makeDue(UUID id) throws SQLException {
        Operations.makeDue(dataSource, id);
    }

    /** The controller's part: the canary's replicas become ready. */
    private void canaryBecomesReady() {
        canaryBecomesReady(NS);
        canaryBecomesReady("shop-prod");
    }

    private void canaryBecomesReady(String NS) {
        CheckoutCluster.canaryBecomesReady(kube, NS);
    }

    /** Ticks (playing the controller in between, if asked) until the predicate holds or the operation ends. */
    private Operation runUntil(UUID id, Predicate<Operation> until, boolean controller) throws Exception {
        return new OperationDriver(reconciler, dataSource, controller ? this::canaryBecomesReady : () -> {
        }).runUntil(id, until);
    }

    /** True once the cursor is on the traffic step of that weight (the steps before it are done). */
    private static Predicate<Operation> atWeightStep(int weight) {
        return OperationDriver.at("canary.weight", Integer.toString(weight));
    }

    private HorizontalPodAutoscaler hpa(String name) {
        return kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(name).get();
    }

    private String action() {
        return kube.network().v1().ingresses().inNamespace(NS).withName("checkout").get().getMetadata().getAnnotations().get(ACTION);
    }

    @Test
    void aHealthyCanaryIsPromotedStepByStep() throws Exception {
        Operation op = start();
        Operation atTen = runUntil(op.id, atWeightStep(50), true);
        Deployment canary = kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get();
        assertEquals("registry.test/checkout:1.4.2", canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(2, canary.getSpec().getReplicas(), "10% of 20 stable replicas");
        assertEquals("canary", canary.getSpec().getSelector().getMatchLabels().get(CanaryWorkloads.TRACK));
        assertEquals("canary", kube.services().inNamespace(NS).withName("checkout-canary").get().getSpec().getSelector().get(CanaryWorkloads.TRACK));
        assertTrue(action().contains("{\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":10}"), action());
        assertEquals(Phase.RUNNING, atTen.phase);
        assertEquals(20, hpa("checkout").getSpec().getMinReplicas(), "stable HPA pinned at the running replicas");
        assertEquals("checkout-canary", hpa("checkout-canary").getSpec().getScaleTargetRef().getName());
        assertEquals(70, hpa("checkout-canary").getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());

        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals("registry.test/checkout:1.4.2", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"));
        assertEquals("{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"checkout\",\"servicePort\":\"80\"}]}}",
                action(), "the canary leaves the action before its Service goes");
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get(), "canary removed after the delay");
        assertNull(kube.services().inNamespace(NS).withName("checkout-canary").get(), "canary Service removed");
        assertEquals("registry.test/checkout:1.4.1", done.handles.get("stable.image"));
        assertEquals(4, hpa("checkout").getSpec().getMinReplicas(), "stable HPA restored");
        assertNull(hpa("checkout-canary"));
    }

    @Test
    void aProductionPromotionWaitsForTwoApproversThenCompletes() throws Exception {
        Operation op = start("production");
        Operation waiting = runUntil(op.id, o -> o.phase == Phase.AWAITING_APPROVAL, true);
        assertEquals(Phase.AWAITING_APPROVAL, waiting.phase);
        assertEquals("canary", kube.apps().deployments().inNamespace("shop-prod").withName("checkout-canary").get()
                .getSpec().getSelector().getMatchLabels().get(CanaryWorkloads.TRACK), "the canary runs while approvals are awaited");
        var annotations = kube.network().v1().ingresses().inNamespace("shop-prod").withName("checkout").get().getMetadata().getAnnotations();
        assertTrue(annotations == null || !annotations.containsKey(ACTION), "no traffic moves before the approvals");

        assertTrue(approvals.handle(click("U0DEV1", op.id)).text().contains("Only"), "the requester is no approver here");
        assertTrue(approvals.handle(click("U0LEAD1", op.id)).text().contains("Approved"));
        Operation half = runUntil(op.id, o -> o.latestReason() != null && o.latestReason().contains("1/2"), true);
        assertEquals(Phase.AWAITING_APPROVAL, half.phase, "one approval of two");
        assertTrue(approvals.handle(click("U0LEAD2", op.id)).text().contains("Approved"));

        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals("registry.test/checkout:1.4.2", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace("shop-prod").withName("checkout").get(), "app"));
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"), "staging untouched");
    }

    private static ButtonClick click(String user, UUID id) {
        return new ButtonClick(user, "name", "T0FAKE", "C0PROD", OperationMessage.APPROVE, id.toString(), "1.0", null);
    }

    @Test
    void aFailingSmokeTestRollsBackAndLeavesStableUntouched() throws Exception {
        SMOKE_STATUS.set(503);
        Operation op = start();
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("answered 503 on all 2 attempts"), done.endReason);
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get());
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"));
    }

    @Test
    void anErrorRateAboveItsBoundDuringTheShiftRollsBack() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        assertEquals("sum(rate(http_errors_total{service=\"checkout-canary\"}[1m]))", LAST_QUERY.get(), "the query template is rendered");
        ERROR_RATE.set("0.2");
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("error rate is 0.2, above 0.05"), done.endReason);
        assertFalse(action().contains("checkout-canary"), "the rolled-back action names no canary: " + action());
        assertNull(kube.services().inNamespace(NS).withName("checkout-canary").get());
    }

    @Test
    void aCanaryThatCrashLoopsDuringTheShiftIsRolledBack() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        assertTrue(action().contains("\"weight\":10}"));
        kube.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("checkout-canary-abc")
                .addToLabels("app", "checkout").addToLabels(CanaryWorkloads.TRACK, "canary").endMetadata()
                .withNewStatus().addToContainerStatuses(new ContainerStatusBuilder().withName("app").withRestartCount(4)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().build())
                .endStatus().build()).create();
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("CrashLoopBackOff"), done.endReason);
        assertFalse(action().contains("checkout-canary"), action());
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get());
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"));
        assertEquals(4, hpa("checkout").getSpec().getMinReplicas(), "stable HPA restored on the rollback path");
        assertNull(hpa("checkout-canary"));
    }

    /** The operation's row as JSON: what a crashed process leaves behind is exactly this. */
    private String snapshot(UUID id) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("SELECT row_to_json(o)::text FROM operation o WHERE id = ?")) {
            s.setObject(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Puts the row back as the snapshot had it, as if the transactions since then never committed. */
    private void restore(UUID id, String snapshot) throws SQLException {
        try (var c = dataSource.getConnection()) {
            List<String> columns = new java.util.ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = 'operation' AND column_name <> 'id' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            String list = String.join(", ", columns);
            try (var s = c.prepareStatement("UPDATE operation SET (" + list + ") = (SELECT " + list
                    + " FROM json_populate_record(NULL::operation, ?::json)) WHERE id = ?")) {
                s.setString(1, snapshot);
                s.setObject(2, id);
                assertEquals(1, s.executeUpdate());
            }
        }
    }

    private void lastHealthCheckTenMinutesAgo(UUID id) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("UPDATE operation SET handles = jsonb_set(handles,"
                + " '{" + StepContext.WATCHED_AT + "}', to_jsonb(to_char((now() - interval '10 minutes') AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))) WHERE id = ? AND handles->>'" + StepContext.WATCHED_AT + "' IS NOT NULL")) {
            s.setObject(1, id);
            assertEquals(1, s.executeUpdate(), "a health check was recorded");
        }
    }

    private long stepsDone(UUID id, String type) {
        return QuarkusTransaction.requiringNew().call(() -> audit.latest(Optional.of("checkout"), 500).stream()
                .filter(r -> id.toString().equals(r.operationId) && r.detail != null && r.detail.contains(" " + type + " done"))
                .count());
    }

    @Test
    void aPromotionWhoseProcessDiedMidStepResumesFromItsRecord() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        String beforeTheCrash = null;
        for (int i = 0; i < 10 && !action().contains("\"weight\":50}"); i++) { // the canary grows first, then the weight moves
            beforeTheCrash = snapshot(op.id);
            canaryBecomesReady();
            makeDue(op.id);
            reconciler.tick();
        }
        assertTrue(action().contains("\"serviceName\":\"checkout-canary\",\"servicePort\":\"80\",\"weight\":50}"), action());
        restore(op.id, beforeTheCrash); // the process died after the router change, before its record committed

        Operation resumed = load(op.id);
        assertEquals(Phase.RUNNING, resumed.phase);
        assertTrue(atWeightStep(50).test(resumed), "the record knows nothing of the lost tick");
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(3, stepsDone(op.id, "canary.weight"), "each traffic step completed once, the interrupted one included");
        assertEquals(1, stepsDone(op.id, "canary.deploy"));
        assertEquals("registry.test/checkout:1.4.2", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"));
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get());
    }

    @Test
    void aPromotionResumedAfterAnOutageLongerThanItsHealthWindowRollsBack() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        assertTrue(action().contains("\"weight\":10}"), action());
        lastHealthCheckTenMinutesAgo(op.id); // every replica was down for ten minutes
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("without a health check"), done.endReason);
        assertFalse(action().contains("checkout-canary"), action());
        assertNull(kube.apps().deployments().inNamespace(NS).withName("checkout-canary").get());
        assertEquals("registry.test/checkout:1.4.1", CanaryWorkloads.imageOf(
                kube.apps().deployments().inNamespace(NS).withName("checkout").get(), "app"));
    }

    @Test
    void aPauseIsNotMistakenForAnOutage() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        engine.pause(op.id, "U0DEV1", "dev");
        lastHealthCheckTenMinutesAgo(op.id); // the pause lasted ten minutes
        engine.resume(op.id, "U0DEV1", "dev");
        Operation done = runUntil(op.id, o -> false, true);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
    }

    @Test
    void theHoldWaitsForCanaryPodsAndAStalledCanaryRollsBack() throws Exception {
        Operation op = start();
        runUntil(op.id, atWeightStep(50), true);
        kube.apps().deployments().inNamespace(NS).withName("checkout-canary").editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withReplicas(2).withReadyReplicas(1).endStatus().build()); // a pod was lost
        Operation waiting = runUntil(op.id, o -> o.latestReason() != null && o.latestReason().contains("/10 canary replicas ready"), false);
        assertTrue(atWeightStep(50).test(waiting), "the step waits for every canary pod");
        assertEquals(Phase.RUNNING, waiting.phase);
        assertTrue(action().contains("\"weight\":10}"), "the weight moves only once the grown canary is ready: " + action());

        kube.apps().deployments().inNamespace(NS).withName("checkout-canary").editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withReplicas(2).withReadyReplicas(1).addNewCondition().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet \"checkout-canary-5d4f\" has timed out progressing.")
                .endCondition().endStatus().build());
        Operation done = runUntil(op.id, o -> false, false);
        assertEquals(Phase.ROLLED_BACK, done.phase);
        assertTrue(done.endReason.contains("stopped progressing (ProgressDeadlineExceeded"), done.endReason);
    }
}
