package dev.ticketsmith.ops.promote;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.testing.CrudClusters;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.OperationDriver;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code promote <service>} without a version takes what staging runs to production, pinned to the
 * digest staging's pods pulled; production's provenance guardrail ({@code minHealthyIn: staging, for:
 * 1h}) refuses an image that is too young or restarting there, unless an approver adds
 * {@code --force}, which is recorded and announced. Staging runs in the cluster TICKETSMITH runs in
 * (the injected mock API server), production in a second mock API server reached through a kubeconfig
 * Secret, and a third environment in a cluster that cannot be reached, which fails only what needs it.
 */
@QuarkusTest
@TestProfile(PipelinePromotionTest.Pipeline.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = FakeSlackResource.class, restrictToAnnotatedClass = true)
class PipelinePromotionTest {

    public static class Pipeline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketsmith.catalog", "src/test/resources/pipeline-catalog.yaml", "ticketsmith.kubernetes.namespace", "ticketsmith");
        }
    }

    private static final String STAGING = "shop-staging";
    private static final String PROD = "shop-prod";
    private static final String REGISTRY = "127.0.0.1:" + LocalEndpoints.PORT;
    private static final String VERIFIED = "sha256:" + "5a".repeat(32);
    private static final String MOVED = "sha256:" + "e0".repeat(32);
    private static final AtomicReference<String> registryAnswer = new AtomicReference<>(MOVED);
    private static HttpServer endpoints;
    private static KubernetesMockServer prodCluster;
    private static KubernetesClient prodKube;

    @Inject
    KubernetesClient kube;

    @Inject
    Reconciler reconciler;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelAnnouncements announcements;

    @BeforeAll
    static void endpoints() throws IOException {
        endpoints = LocalEndpoints.start();
        // the registry: the tag 2.0.0 has moved since staging pulled it
        LocalEndpoints.manifest(endpoints, "search", "2.0.0", registryAnswer::get);
    }

    @AfterAll
    static void stopEndpoints() {
        endpoints.stop(0);
        prodKube.close();
        prodCluster.destroy();
    }

    @BeforeAll
    static void productionCluster() {
        prodCluster = CrudClusters.start();
        prodKube = prodCluster.createClient();
    }

    private static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: prod, cluster: {server: "%s"}}]
                users: [{name: ticketsmith, user: {token: test-token}}]
                contexts:
                  - {name: other, context: {cluster: prod, user: ticketsmith}}
                  - {name: prod, context: {cluster: prod, user: ticketsmith, namespace: default}}
                current-context: other
                """.formatted(server);
    }

    private void kubeconfigSecret(String name, String server) {
        kube.secrets().inNamespace("ticketsmith").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .addToData("kubeconfig", java.util.Base64.getEncoder().encodeToString(kubeconfig(server).getBytes())).build())
                .createOr(x -> x.update());
    }

    @BeforeEach
    void clusters() throws Exception {
        Operations.endActive(dataSource, "search");
        kubeconfigSecret("prod-kubeconfig", prodCluster.url("/"));
        kubeconfigSecret("dr-kubeconfig", "http://127.0.0.1:9"); // nothing listens there
        for (KubernetesClient cluster : new KubernetesClient[] {kube, prodKube}) {
            for (String ns : new String[] {STAGING, PROD}) {
                cluster.apps().deployments().inNamespace(ns).withName("search-canary").delete();
                cluster.pods().inNamespace(ns).withLabel("app", "search").delete();
            }
        }
        deployment(kube, STAGING, "/search:2.0.0", 2);
        deployment(prodKube, PROD, "/search:1.0.0", 2);
        prodKube.services().inNamespace(PROD).resource(new ServiceBuilder().withNewMetadata().withName("search").endMetadata()
                .withNewSpec().addToSelector("app", "search").addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build())
                .createOr(s -> s.update());
    }

    private void deployment(KubernetesClient cluster, String ns, String image, int replicas) {
        cluster.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("search").withNamespace(ns).addToLabels("app", "search").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "search").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "search").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(REGISTRY + image).endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas).endStatus().build())
                .createOr(d -> d.update());
    }

    /** A staging pod as the kubelet reports it: the digest it pulled, ready or not, restarts, running since. */
    private void stagingPod(String name, String digest, boolean ready, int restarts, Duration runningFor) {
        kube.pods().inNamespace(STAGING).resource(new PodBuilder()
                .withNewMetadata().withName(name).addToLabels("app", "search").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(REGISTRY + "/search:2.0.0").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("app").withImage(REGISTRY + "/search:2.0.0")
                .withImageID(REGISTRY + "/search@" + digest).withReady(ready).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(Instant.now().minus(runningFor).toString()).endRunning().endState()
                .endContainerStatus().endStatus().build()).create();
    }

    private void healthyStaging(Duration runningFor) {
        stagingPod("search-a", VERIFIED, true, 0, runningFor);
        stagingPod("search-b", VERIFIED, true, 0, runningFor.minusMinutes(1));
    }

    /** Production's controller: whatever the canary asks for becomes ready. */
    private void canaryBecomesReady() {
        Deployment canary = prodKube.apps().deployments().inNamespace(PROD).withName("search-canary").get();
        if (canary != null) {
            prodKube.apps().deployments().inNamespace(PROD).withName("search-canary").editStatus(d -> new DeploymentBuilder(d)
                    .withNewStatus().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas())
                    .withUpdatedReplicas(d.getSpec().getReplicas()).endStatus().build());
        }
    }

    private Operation promote(String user, String text) throws Exception {
        Instant before = Instant.now();
        SlackRequests.command(user, text).statusCode(200);
        Operation op = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find(
                "target = ?1 AND environment = 'production' AND createdAt >= ?2 ORDER BY createdAt DESC", "search", before).firstResult());
        assertNotNull(op, "no promotion started for: " + text);
        return new OperationDriver(reconciler, dataSource, this::canaryBecomesReady).runUntil(op.id, o -> false);
    }

    private String prodImage() {
        return CanaryWorkloads.imageOf(prodKube.apps().deployments().inNamespace(PROD).withName("search").get(), "app");
    }

    @Test
    void promoteWithoutAVersionTakesTheDigestStagingRunsEvenIfTheTagMoved() throws Exception {
        healthyStaging(Duration.ofHours(3));
        Operation done = promote("U0DEV1", "promote search");
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(REGISTRY + "/search:2.0.0@" + VERIFIED, prodImage(), "staging's digest, not the tag's current one (" + MOVED + ")");
        assertTrue(done.handles.get(Handles.PROVENANCE).contains("has run in staging since"), done.handles.toString());
        assertTrue(done.handles.get(Handles.PROVENANCE).contains("2/2 pods ready, 0 restarts"), done.handles.toString());
        assertEquals(null, kube.apps().deployments().inNamespace(PROD).withName("search").get(),
                "production lives in its own cluster: nothing was written to staging's");
        assertEquals(PipelineSourceStep.TYPE, done.steps.get(0).type());
    }

    @Test
    void aVersionIsPromotedAsTheDigestStagingVerified() throws Exception {
        healthyStaging(Duration.ofHours(2));
        Operation done = promote("U0DEV1", "promote search 2.0.0 to production");
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals(REGISTRY + "/search:2.0.0@" + VERIFIED, prodImage());

        Operation refused = promote("U0DEV1", "promote search 2.0.1 to production");
        assertEquals(Phase.FAILED, refused.phase);
        assertTrue(refused.endReason.contains("`2.0.1` does not run in staging"), refused.endReason);
        assertEquals(REGISTRY + "/search:2.0.0@" + VERIFIED, prodImage(), "nothing changed");
    }

    @Test
    void theGuardrailRefusesAnImageTooYoungOrRestartingInStaging() throws Exception {
        healthyStaging(Duration.ofMinutes(20));
        Operation young = promote("U0DEV1", "promote search");
        assertEquals(Phase.FAILED, young.phase);
        assertTrue(young.endReason.contains("less than the 60m required") && young.endReason.contains("--force"), young.endReason);
        assertEquals(REGISTRY + "/search:1.0.0", prodImage(), "nothing changed in production");
        assertFalse(prodKube.apps().deployments().inNamespace(PROD).withName("search-canary").get() != null, "no canary");

        kube.pods().inNamespace(STAGING).withLabel("app", "search").delete();
        stagingPod("search-c", VERIFIED, true, 3, Duration.ofHours(6));
        Operation restarting = promote("U0DEV1", "promote search");
        assertEquals(Phase.FAILED, restarting.phase);
        assertTrue(restarting.endReason.contains("3 restarts"), restarting.endReason);
    }

    @Test
    void onlyAnApproversForceWaivesTheGuardrailOnTheRecord() throws Exception {
        healthyStaging(Duration.ofMinutes(5));
        SlackRequests.command("U0DEV1", "promote search --force").statusCode(200)
                .body(containsString("Only an approver in production may force a promotion past its provenance guardrail"));

        FakeSlackApi slack = FakeSlackResource.api();
        Operation forced = promote("U0LEAD1", "promote search --force hotfix for INC-9");
        assertEquals(Phase.SUCCEEDED, forced.phase, forced.endReason + " / " + forced.latestReason());
        assertEquals(REGISTRY + "/search:2.0.0@" + VERIFIED, prodImage());
        assertTrue(forced.handles.get(Handles.PROVENANCE_WAIVED).contains("less than the 60m required"), forced.handles.toString());
        announcements.post();
        assertTrue(slack.calls("chat.postMessage").stream().anyMatch(c -> "C0PROD".equals(c.param("channel")) && c.param("text") != null
                && c.param("text").contains("forced the promotion of `search` to production past the provenance guardrail")),
                "announced in production's channel");
        try (var c = dataSource.getConnection(); var s = c.prepareStatement(
                "SELECT count(*) FROM audit_record WHERE operation_id = ? AND detail LIKE '%waived by --force%'")) {
            s.setString(1, forced.id.toString());
            try (var rs = s.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getLong(1), "the waiver is in the audit trail");
            }
        }
    }

    private static String status() throws Exception {
        FakeSlackApi slack = FakeSlackResource.api();
        String responseId = java.util.UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "status search", slack.responseUrl(responseId))).statusCode(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (slack.calls("response_url:" + responseId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        return slack.calls("response_url:" + responseId).get(0).body();
    }

    @Test
    void statusShowsEachEnvironmentSideBySideAndWhatPromoteWouldDoNext() throws Exception {
        healthyStaging(Duration.ofMinutes(20));
        String reply = status();
        assertTrue(reply.contains("\"fields\""), "side by side: a section of fields; " + reply);
        assertTrue(reply.contains("*staging*") && reply.contains("search:2.0.0") && reply.contains("sha256:5a5a5a5a5a5a"), reply);
        assertTrue(reply.contains("2/2 ready · 0 restarts · up 20m"), reply);
        assertTrue(reply.contains("*production*") && reply.contains(":x: no pods"), "production's pods are not seeded: " + reply);
        assertTrue(reply.contains("would take `" + REGISTRY + "/search:2.0.0@" + VERIFIED + "` from staging to production"), reply);
        assertTrue(reply.contains("the provenance guardrail would refuse it now"), reply);

        kube.pods().inNamespace(STAGING).withLabel("app", "search").delete();
        healthyStaging(Duration.ofHours(2));
        assertTrue(status().contains("the provenance guardrail lets it through"));
    }

    @Test
    void aClusterThatCannotBeReachedFailsOnlyWhatNeedsIt() throws Exception {
        healthyStaging(Duration.ofHours(2));
        String reply = status();
        assertTrue(reply.contains("*dr*") && reply.contains("could not be reached"), "dr's line says why: " + reply);
        assertTrue(reply.contains("2/2 ready · 0 restarts"), "staging is still shown: " + reply);
        assertTrue(reply.contains("the provenance guardrail lets it through"), "production is still read: " + reply);

        Instant before = Instant.now();
        SlackRequests.command("U0DEV1", "promote search 2.0.0 to dr").statusCode(200);
        Operation op = QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>find(
                "target = 'search' AND environment = 'dr' AND createdAt >= ?1", before).firstResult());
        Operation failed = new OperationDriver(reconciler, dataSource, () -> { }).runUntil(op.id, o -> false);
        assertTrue(failed.phase == Phase.FAILED || failed.phase == Phase.ROLLED_BACK, failed.phase.toString());
        assertTrue(String.valueOf(failed.endReason).contains("shop-dr") && failed.endReason.contains("Connection refused"), failed.endReason);

        Operation fine = promote("U0DEV1", "promote search");
        assertEquals(Phase.SUCCEEDED, fine.phase, "production, in its own cluster, is not held up: " + fine.endReason);
    }

    @Test
    void aGuardrailTheServiceCannotMeetIsRefusedAtOnceAndTheApiPromotesWithoutAVersion() throws Exception {
        SlackRequests.command("U0DEV1", "promote ledger-api 1.0.0 to production").statusCode(200)
                .body(containsString("does not run in staging"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer test-pipeline-token").contentType("application/json")
                .body("{\"service\":\"ledger-api\",\"environment\":\"production\",\"version\":\"1.0.0\"}").post("/api/promotions").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.equalTo("provenance"));

        healthyStaging(Duration.ofHours(2));
        String id = io.restassured.RestAssured.given().header("Authorization", "Bearer test-pipeline-token").contentType("application/json")
                .body("{\"service\":\"search\"}").post("/api/promotions").then().statusCode(202).extract().path("id");
        Operation done = new OperationDriver(reconciler, dataSource, this::canaryBecomesReady).runUntil(java.util.UUID.fromString(id), o -> false);
        assertEquals(Phase.SUCCEEDED, done.phase, done.endReason + " / " + done.latestReason());
        assertEquals("production", done.environment, "no version: to the pipeline's last environment");
        assertEquals(REGISTRY + "/search:2.0.0@" + VERIFIED, prodImage());
    }
}
