package dev.ticketsmith.metrics;

import dev.ticketsmith.audit.AuditVerifications;
import dev.ticketsmith.slack.SlackWebApi;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics at /q/metrics: present with their labels, and moved by real requests, real Slack answers and stored rows. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class MetricsTest {

    @Inject
    SlackWebApi slack;

    @Inject
    StoredMetrics stored;

    @Inject
    AuditVerifications verifications;

    @Inject
    AgroalDataSource dataSource;

    private double newestBackupAgeSeconds(String database) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT extract(epoch FROM now() - max(finished_at)) FROM backup WHERE deleted_at IS NULL AND database = '"
                     + database + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static String help() {
        return SlackRequests.slashCommand("U0DEV1", "C0OPS", "help", FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()));
    }

    @Test
    void aSignedCommandIsTimedInTheAckHistogram() {
        String count = "ticketsmith_slack_ack_seconds_count";
        double before = Scrape.now().value(count, "type=\"command\"", "status=\"200\"");
        SlackRequests.postSigned(help()).statusCode(200).header("X-Ticketsmith-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}"));
        Scrape after = Scrape.now();
        assertEquals(before + 1, after.value(count, "type=\"command\"", "status=\"200\""));
        assertTrue(after.has("ticketsmith_slack_ack_seconds_bucket", "type=\"command\"", "le=\"+Inf\""), "histogram buckets");
        assertTrue(after.has("ticketsmith_slack_ack_seconds_bucket", "type=\"command\"", "le=\"0.001\""), "from 1 ms");
    }

    @Test
    void refusalsAreCountedByReason() {
        String refused = "ticketsmith_slack_requests_refused_total";
        Scrape before = Scrape.now();
        for (String reason : new String[] {"bad_signature", "stale_timestamp", "body_too_large", "duplicate", "policy_refused", "invalid_command"}) {
            assertTrue(before.has(refused, "reason=\"" + reason + "\""), reason + " is registered before it happens");
        }
        String body = help();
        long ts = SlackRequests.now();
        RestAssured.given().contentType("application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", SlackRequests.sign("wrong-secret", ts, body)).body(body).post("/slack/events").then().statusCode(401);
        SlackRequests.postSigned(body).statusCode(200);
        SlackRequests.postSigned(body).statusCode(200); // Slack's retry of the same delivery
        SlackRequests.postSigned(SlackRequests.slashCommand("U0NOBODY", "C0OPS", "scale checkout min=2 max=4 for 1h in production",
                FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()))).statusCode(200);
        SlackRequests.postSigned(SlackRequests.slashCommand("U0DEV1", "C0OPS", "frobnicate everything",
                FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()))).statusCode(200);
        Scrape after = Scrape.now();
        assertEquals(before.value(refused, "reason=\"bad_signature\"") + 1, after.value(refused, "reason=\"bad_signature\""));
        assertEquals(before.value(refused, "reason=\"duplicate\"") + 1, after.value(refused, "reason=\"duplicate\""));
        assertEquals(before.value(refused, "reason=\"policy_refused\"") + 1, after.value(refused, "reason=\"policy_refused\""));
        assertEquals(before.value(refused, "reason=\"invalid_command\"") + 1, after.value(refused, "reason=\"invalid_command\""));
    }

    @Test
    void aSlack429IsCountedByMethod() {
        FakeSlackApi fake = FakeSlackResource.api();
        String calls = "ticketsmith_slack_api_calls_total";
        double limited = Scrape.now().value(calls, "method=\"chat.postEphemeral\"", "outcome=\"ratelimited\"");
        double ok = Scrape.now().value(calls, "method=\"chat.postEphemeral\"", "outcome=\"ok\"");
        fake.failNext("chat.postEphemeral", 429, "1", 1);
        slack.postEphemeral("C0OPS", "U0DEV1", "hello", java.util.List.of());
        Scrape after = Scrape.now();
        assertEquals(limited + 1, after.value(calls, "method=\"chat.postEphemeral\"", "outcome=\"ratelimited\""));
        assertEquals(ok + 1, after.value(calls, "method=\"chat.postEphemeral\"", "outcome=\"ok\""));
    }

    @Test
    void backupAgeRestoreFiguresAndTheAuditChainComeFromStoredRows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO backup (database, environment, provider, location, sha256, size_bytes, started_at, finished_at, trigger)"
                    + " VALUES ('ledger', 'staging', 'pgdump', 'file:///tmp/metrics-test-" + UUID.randomUUID() + "', 'x', 1,"
                    + " now() - interval '2 hours', now() - interval '1 hour', 'scheduled')");
            s.executeUpdate("INSERT INTO restore_test_run (database, operation_id, backup_location, passed, provision_ms, restore_ms, validation_ms,"
                    + " rto_ms, rpo_seconds, started_at, ended_at) VALUES ('ledger', '" + UUID.randomUUID() + "', 'x', false, 1000, 60000, 2000,"
                    + " 63000, 5400, now() - interval '5 minutes', now())");
        }
        verifications.verifyAndRecord();
        stored.refresh();
        Scrape scrape = Scrape.now();
        double age = scrape.value("ticketsmith_backup_age_seconds", "database=\"ledger\"");
        double expected = newestBackupAgeSeconds("ledger"); // an hour, unless another test backed ledger up since
        assertTrue(Math.abs(age - expected) < 60 && age <= 3660, "backup age " + age + ", expected " + expected);
        assertEquals(24 * 3600, scrape.value("ticketsmith_backup_rpo_target_seconds", "database=\"ledger\""));
        assertEquals(63, scrape.value("ticketsmith_restore_test_rto_seconds", "database=\"ledger\""));
        assertEquals(5400, scrape.value("ticketsmith_restore_test_rpo_seconds", "database=\"ledger\""));
        assertEquals(0, scrape.value("ticketsmith_restore_test_passed", "database=\"ledger\""));
        assertEquals(1, scrape.value("ticketsmith_audit_chain_intact"));
        assertTrue(scrape.value("ticketsmith_audit_chain_records_checked") >= 0);
        assertTrue(scrape.value("ticketsmith_audit_chain_verified_timestamp_seconds") > 1.7e9);
        assertTrue(scrape.value("ticketsmith_restore_test_last_run_timestamp_seconds", "database=\"ledger\"") > 1.7e9);
        assertTrue(scrape.value("ticketsmith_stored_figures_age_seconds") < 60);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_verification (verified_at, intact, records_checked, first_broken_seq, problem, took_ms)"
                    + " VALUES (now(), false, 10, 7, 'content does not match its hash', 1)");
        }
        assertEquals(1, Scrape.now().value("ticketsmith_audit_chain_intact"), "a scrape reads the cached figures, not the database");
        stored.refresh();
        assertEquals(0, Scrape.now().value("ticketsmith_audit_chain_intact"));
        verifications.verifyAndRecord();
        stored.refresh();
        assertEquals(1, Scrape.now().value("ticketsmith_audit_chain_intact"));
    }
}
