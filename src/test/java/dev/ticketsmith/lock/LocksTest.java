package dev.ticketsmith.lock;

import com.sun.net.httpserver.HttpServer;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import dev.ticketsmith.testing.CheckoutCluster;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.LocalEndpoints;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks and change freezes from Slack: a lock refuses promotions and scaling overrides with who,
 * why and until when; an approver's {@code --force} gets a promotion through, recorded and
 * announced; a rollback is never blocked; a lock that expires is lifted and announced once, however
 * many replicas sweep; a freeze of the catalogue acts like a lock while it is open.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class LocksTest {

    private static HttpServer endpoints;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KubernetesClient kube;

    @Inject
    Locks locks;

    @Inject
    OperationEngine engine;

    @Inject
    ChannelAnnouncements announcements;

    @BeforeAll
    static void start() throws IOException {
        endpoints = LocalEndpoints.start();
    }

    @AfterAll
    static void stop() {
        endpoints.stop(0);
    }

    @BeforeEach
    void free() throws SQLException {
        Operations.endAllActive(dataSource);
        sql("UPDATE change_lock SET ended_at = now(), end_reason = 'test' WHERE ended_at IS NULL");
        sql("UPDATE scaling_override SET state = 'ENDED' WHERE state <> 'ENDED'");
        sql("UPDATE channel_announcement SET posted_at = now() WHERE posted_at IS NULL");
        CheckoutCluster.seed(kube, "shop-staging", 4);
        CheckoutCluster.seed(kube, "shop-prod", 4);
        FakeSlackResource.api().setGroupMembers("S0ONCALL", Set.of("U0ONCALL1"));
    }

    private void sql(String statement) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private int count(String query) throws SQLException {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aLockRefusesPromotionsAndScalingWithWhoWhyAndUntilWhen() {
        SlackRequests.command("U0DEV1", "lock checkout for 2h payment incident 42").statusCode(200)
                .body("response_type", equalTo("in_channel")).body("text", containsString("locked `checkout`"));
        SlackRequests.command("U0DEV1", "promote checkout 1.4.2").statusCode(200)
                .body("text", containsString("`checkout` is locked by <@U0DEV1>"))
                .body("text", containsString("payment incident 42"))
                .body("text", containsString("until <!date^"));
        SlackRequests.command("U0DEV1", "scale checkout min=3 max=10").statusCode(200)
                .body("text", containsString("is locked"));
        RestAssured.given().header("Authorization", "Bearer test-pipeline-token").contentType("application/json")
                .body("{\"service\":\"checkout\",\"version\":\"1.4.2\"}").post("/api/promotions").then().statusCode(409)
                .body("error", equalTo("locked"));
        SlackRequests.command("U0DEV1", "lock checkout another reason").statusCode(200)
                .body("text", containsString("already locked"));
        SlackRequests.command("U0DEV1", "unlock checkout").statusCode(200).body("text", containsString("unlocked `checkout`"));
        SlackRequests.command("U0DEV1", "promote checkout 1.4.2").statusCode(200).body("text", containsString("started"));
    }

    @Test
    void anApproversForceGetsAPromotionThroughAndIsAnnounced() throws SQLException {
        SlackRequests.command("U0DEV1", "lock production release freeze").statusCode(200);
        SlackRequests.command("U0DEV1", "promote checkout 1.4.2 to production --force").statusCode(200)
                .body("text", containsString("Only an approver may force"));
        int before = count("SELECT count(*) FROM channel_announcement WHERE channel = 'C0PROD'");
        String forcedRecords = "SELECT count(*) FROM audit_record WHERE actor_id = 'U0LEAD1' AND action = 'promote'"
                + " AND detail LIKE '%--force past: `production` is locked%'";
        int recordsBefore = count(forcedRecords);
        SlackRequests.command("U0LEAD1", "promote checkout 1.4.2 to production --force hotfix").statusCode(200)
                .body("response_type", equalTo("in_channel")).body("text", containsString("forced a promotion"));
        assertTrue(engine.active("checkout", "production").isPresent());
        assertEquals(before + 1, count("SELECT count(*) FROM channel_announcement WHERE channel = 'C0PROD'"));
        assertEquals(recordsBefore + 1, count(forcedRecords), "recorded");
    }

    @Test
    void aRollbackGoesThroughALock() {
        SlackRequests.command("U0DEV1", "promote checkout 1.4.2 to production").statusCode(200);
        SlackRequests.command("U0DEV1", "lock checkout incident").statusCode(200);
        SlackRequests.command("U0ONCALL1", "rollback checkout in production").statusCode(200)
                .body("text", containsString("stopped the promote of `checkout`"));
        assertTrue(engine.active("checkout", "production").orElseThrow().onRollbackPath);
    }

    @Test
    void aLockThatExpiresIsLiftedAndAnnouncedOnceWhateverTheReplicas() throws Exception {
        SlackRequests.command("U0DEV1", "lock checkout for 30s deploy window").statusCode(200);
        sql("UPDATE change_lock SET expires_at = now() - interval '1 second' WHERE target = 'checkout' AND ended_at IS NULL");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2); // two replicas sweep at once
        var a = pool.submit(locks::expire);
        var b = pool.submit(locks::expire);
        assertEquals(1, a.get() + b.get(), "lifted exactly once");
        pool.shutdown();
        assertEquals(0, locks.expire(), "and never again");
        FakeSlackApi slack = FakeSlackResource.api();
        java.util.function.Predicate<FakeSlackApi.Call> expiry = c -> c.method().equals("chat.postMessage")
                && String.valueOf(c.param("text")).contains("lock on `checkout`") && String.valueOf(c.param("text")).contains("deploy window")
                && String.valueOf(c.param("text")).contains("has expired");
        int posted = slack.calls(expiry).size();
        announcements.post();
        assertEquals(posted + 1, slack.calls(expiry).size());
        assertTrue(locks.blocking("checkout", "staging", Instant.now()).isEmpty());
        SlackRequests.command("U0DEV1", "promote checkout 1.4.2").statusCode(200).body("text", containsString("started"));
    }

    @Test
    void anOpenFreezeActsLikeALockAndStatusShowsTheNextOne() {
        var blocked = locks.blocking("checkout", "production", Instant.parse("2099-12-25T10:00:00Z"));
        assertTrue(blocked.orElseThrow().what().contains("production is in its change freeze year-end"), blocked.toString());
        assertTrue(locks.blocking("checkout", "production", Instant.parse("2099-12-27T10:00:00Z")).isEmpty());
        assertTrue(locks.nextFreeze("production", Instant.now()).orElseThrow().startsWith("year-end (2099-12-24 – 2099-12-26 Europe/Paris)"));
    }
}
