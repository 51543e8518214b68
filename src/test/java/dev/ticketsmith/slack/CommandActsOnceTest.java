package dev.ticketsmith.slack;

import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A command that starts something acts once and tells the truth: its delivery key, the operation
 * and its audit record commit together, so a replayed request (after the first promotion already
 * ended) starts nothing, and a failed record leaves no operation behind the "nothing was changed".
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class CommandActsOnceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void free() throws SQLException {
        Operations.endActive(dataSource, "notifications");
    }

    private int operations(String marker) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM operation WHERE target = 'notifications'"
                     + " AND steps->0->'params'->>'artifact' = '" + marker + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void aReplayedPromotionAfterTheFirstEndedStartsNothing() throws SQLException {
        String version = "7." + (System.nanoTime() % 100000);
        String body = SlackRequests.slashCommand("U0DEV1", "C0OPS", "promote notifications " + version,
                FakeSlackResource.api().responseUrl(UUID.randomUUID().toString()));
        SlackRequests.postSigned(body).statusCode(200).body("text", containsString("started"));
        Operations.endActive(dataSource, "notifications"); // the first promotion failed quickly
        SlackRequests.postSigned(body).statusCode(200).body(emptyString()); // the same signed request, within its 5 minutes
        assertEquals(1, operations(version), "one promotion, whatever the replays");
    }

    @Test
    void aPromotionWhoseRecordFailsIsNotStartedAndTheUserIsToldSo() throws SQLException {
        String version = "8." + (System.nanoTime() % 100000);
        sql("CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger AS $$ BEGIN"
                + " IF NEW.command_text LIKE '%" + version + "%' THEN RAISE EXCEPTION 'audit disk full (test)'; END IF; RETURN NEW; END $$"
                + " LANGUAGE plpgsql");
        sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()");
        try {
            SlackRequests.command("U0DEV1", "promote notifications " + version).statusCode(200)
                    .body("text", containsString("nothing was started or changed"));
            assertEquals(0, operations(version), "no operation runs behind a 'nothing was changed'");
        } finally {
            sql("DROP TRIGGER IF EXISTS refuse_audit ON audit_record");
        }
    }
}
