package dev.ticketsmith.slack;

import dev.ticketsmith.audit.AuditRecord;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.Operations;
import io.agroal.api.AgroalDataSource;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.SlackRequests;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slash commands end to end: signed request in, ephemeral reply and audit record out. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class CommandFlowTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail trail;

    @Inject
    KubernetesClient kube;

    FakeSlackApi slack;

    @BeforeEach
    void fakes() {
        slack = FakeSlackResource.api();
        slack.setGroupMembers("S0DEVS", Set.of("U0GROUPDEV"));
    }

    private AuditRecord lastRecordOf(String user) {
        return trail.latest(Optional.empty(), 50).stream().filter(r -> r.actorId.equals(user)).findFirst().orElseThrow();
    }

    private static String user() {
        return "U0" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    @Test
    void helpListsEverySubcommand() {
        SlackRequests.command("U0DEV1", "help").statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", allOf(containsString("promote"), containsString("rollback"), containsString("scale"),
                        containsString("restore"), containsString("backup"), containsString("history"),
                        containsString("lock"), containsString("unlock")));
    }

    @Test
    void anUnknownSubcommandGetsTheHelpAndIsAudited() {
        String user = user();
        SlackRequests.command(user, "promte checkout 1.2.3").statusCode(200)
                .body("text", containsString("promote"));
        AuditRecord r = lastRecordOf(user);
        assertEquals("INVALID", r.decision);
        assertEquals("/ticketsmith promte checkout 1.2.3", r.commandText);
    }

    @Test
    void anUnknownServiceGetsDidYouMean() {
        SlackRequests.command("U0DEV1", "promote chekout 1.4.2").statusCode(200)
                .body("text", allOf(containsString("chekout"), containsString("checkout")));
    }

    @Test
    void aUserWhoMayNotActIsToldWhoMayAndTheRefusalIsAudited() {
        String user = user();
        SlackRequests.command(user, "promote checkout 1.4.2 to production").statusCode(200)
                .body("text", allOf(containsString("Only"), containsString("U0DEV1"), containsString("production")));
        AuditRecord r = lastRecordOf(user);
        assertEquals("REFUSED", r.decision);
        assertEquals("checkout", r.target);
        assertEquals("production", r.environment);
    }

    @Test
    void aMemberOfARequesterGroupMayRequest() {
        SlackRequests.command("U0GROUPDEV", "scale checkout min=3 max=10 for 2h in staging traffic spike").statusCode(200)
                .body("text", allOf(containsString("is scaling `checkout`"), not(containsString("Only"))));
        assertEquals("ACCEPTED", lastRecordOf("U0GROUPDEV").decision);
    }

    @Test
    void databaseCommandsStartOperationsAndAreRecordedInTheDatabasesEnvironment() throws Exception {
        Operations.endAllActive(dataSource);
        SlackRequests.command("U0DEV1", "backup orders").statusCode(200)
                .body("text", allOf(containsString("Snapshot of `orders` started"), containsString("Operation `")));
        AuditRecord r = lastRecordOf("U0DEV1");
        assertEquals("ACCEPTED", r.decision);
        assertEquals("backup", r.action);
        assertEquals("production", lastRecordOfAction("backup").environment);
        SlackRequests.command("U0DEV1", "backup orders").statusCode(200)
                .body("text", allOf(containsString("busy with backup"), containsString("try again when it is done")));
        Operations.endAllActive(dataSource);
    }

    private AuditRecord lastRecordOfAction(String action) {
        return trail.latest(Optional.empty(), 50).stream().filter(r -> r.action.equals(action)).findFirst().orElseThrow();
    }

    @Test
    void aRepeatedDeliveryActsOnce() {
        String user = user();
        String body = SlackRequests.slashCommand(user, "C0OPS", "backup ledger", slack.responseUrl("dup"));
        SlackRequests.postSigned(body).statusCode(200).body("text", containsString("back up"));
        SlackRequests.postSigned(body).statusCode(200).body(emptyString());
        long records = trail.latest(Optional.empty(), 100).stream().filter(r -> r.actorId.equals(user)).count();
        assertEquals(1, records);
    }

    @Test
    void aRepeatedStatusDeliveryReadsTheClusterAndAnswersOnce() throws InterruptedException {
        String responseId = UUID.randomUUID().toString();
        String body = SlackRequests.slashCommand("U0DEV1", "C0OPS", "status", slack.responseUrl(responseId));
        SlackRequests.postSigned(body).statusCode(200);
        SlackRequests.postSigned(body).statusCode(200);
        awaitCall("response_url:" + responseId, Duration.ofSeconds(10));
        Thread.sleep(500);
        assertEquals(1, slack.calls("response_url:" + responseId).size());
    }

    @Test
    void historyShowsTheLatestRecordsOfAService() {
        String user = user();
        SlackRequests.command(user, "promote notifications 7.7.7 reason for history test").statusCode(200);
        SlackRequests.command("U0DEV1", "history notifications 5").statusCode(200)
                .body("blocks[0].text.text", containsString("notifications"))
                .body("blocks[1].text.text", allOf(containsString(user), containsString("promote notifications 7.7.7")));
    }

    @Test
    void statusReportsWhatTheClusterRunsThroughTheResponseUrl() throws InterruptedException {
        kube.apps().deployments().inNamespace("shop-staging").resource(deployment("checkout", "registry.test/checkout:1.4.1")).createOr(d -> d.update());
        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "status checkout", slack.responseUrl(responseId)))
                .statusCode(200);
        FakeSlackApi.Call reply = awaitCall("response_url:" + responseId, Duration.ofSeconds(10));
        assertTrue(reply.body().contains("registry.test/checkout:1.4.1"), reply.body());
        assertTrue(reply.body().contains("staging") && reply.body().contains("production"), reply.body());
        assertTrue(reply.body().contains("no Deployment found"), "production has none: " + reply.body());
        assertTrue(reply.body().contains("checkout-route"), reply.body());
    }

    @Test
    void overLongInputIsRefusedAndStillAudited() {
        String user = user();
        SlackRequests.command(user, "promote checkout 1.0.0 " + "x".repeat(1200)).statusCode(200)
                .body("text", containsString("1,000"));
        assertEquals("INVALID", lastRecordOf(user).decision);
    }

    private FakeSlackApi.Call awaitCall(String method, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<FakeSlackApi.Call> calls = slack.calls(method);
            if (!calls.isEmpty()) {
                return calls.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no call to " + method + " within " + timeout);
    }

    static Deployment deployment(String name, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(3).withUpdatedReplicas(3).withReplicas(3).endStatus()
                .build();
    }
}
