package dev.ticketsmith.slack.live;

import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.OperationEngine;
import dev.ticketsmith.ops.engine.OperationRequest;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.Reconciler;
import dev.ticketsmith.ops.engine.StartResult;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.testing.FakeSlackApi;
import dev.ticketsmith.testing.FakeSlackResource;
import dev.ticketsmith.testing.Operations;
import dev.ticketsmith.testing.SlackRequests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval gate in production (2 distinct approvers, the requester never counts, approvals
 * expire and are bound to the plan), driven through signed button clicks.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(FakeSlackResource.class)
class ApprovalFlowTest {

    @Inject
    OperationEngine engine;

    @Inject
    Reconciler reconciler;

    @Inject
    LiveMessages live;

    @Inject
    AuditTrail audit;

    @Inject
    AgroalDataSource dataSource;

    FakeSlackApi slack;

    @BeforeEach
    void setUp() throws SQLException {
        slack = FakeSlackResource.api();
        slack.setGroupMembers("S0SRELEADS", Set.of("U0SRE"));
        Operations.endActive(dataSource, "catalog");
        Operations.quietMessages(dataSource);
    }

    /** A production operation whose plan is the gate and one more step (and a rollback), ticked up to the gate. */
    private Operation awaitingApproval(String requester) throws SQLException {
        StartResult started = engine.start(new OperationRequest("promote", "catalog", "production",
                List.of(StepSpec.of("gate.approval", Map.of("approvals", "2", "ttl", "PT30M")),
                        StepSpec.of("test.set", Map.of("key", "released", "value", UUID.randomUUID().toString()))),
                List.of(StepSpec.of("test.set", Map.of("key", "released", "value", "none"))), requester, "name"));
        Operation op = assertInstanceOf(StartResult.Started.class, started).operation();
        tick(op.id);
        assertEquals(Phase.AWAITING_APPROVAL, load(op.id).phase);
        return op;
    }

    private Operation load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Operation.<Operation>findById(id));
    }

    private void tick(UUID id) throws SQLException {
        Operations.makeDue(dataSource, id);
        reconciler.tick();
    }

    private String click(String user, String action, UUID id) throws InterruptedException {
        String responseId = UUID.randomUUID().toString();
        SlackRequests.postSigned(SlackRequests.buttonClick(user, "C0PROD", action, id.toString(), "1.0", slack.responseUrl(responseId)))
                .statusCode(200);
        Instant deadline = Instant.now().plusSeconds(10);
        while (slack.calls("response_url:" + responseId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        return slack.calls("response_url:" + responseId).get(0).body();
    }

    @Inject
    ThreadNotes threadNotes;

    @Test
    void twoDistinctApproversLetThePlanGoOnButNeverTheRequester() throws Exception {
        Operation op = awaitingApproval("U0LEAD1");
        live.refresh();
        assertTrue(slack.calls(c -> c.method().equals("chat.postMessage") && c.body().contains(op.id.toString()))
                .get(0).param("blocks").contains(OperationMessage.APPROVE), "the live message offers Approve");

        assertTrue(click("U0LEAD1", OperationMessage.APPROVE, op.id).contains("You requested this operation"));
        assertTrue(click("U0DEV1", OperationMessage.APPROVE, op.id).contains("Only"), "a requester who is no approver");
        assertTrue(click("U0LEAD2", OperationMessage.APPROVE, op.id).contains("Approved"));
        assertTrue(click("U0LEAD2", OperationMessage.APPROVE, op.id).contains("already approved"), "a second click counts once");
        tick(op.id);
        Operation halfway = load(op.id);
        assertEquals(Phase.AWAITING_APPROVAL, halfway.phase);
        assertTrue(halfway.latestReason().contains("1/2"), halfway.latestReason());

        assertTrue(click("U0SRE", OperationMessage.APPROVE, op.id).contains("Approved"), "a member of the approver group");
        io.restassured.RestAssured.given().header("Authorization", "Bearer test-auditor-token").get("/api/operations/" + op.id).then()
                .statusCode(200).body("approvals.approverId", org.hamcrest.Matchers.contains("U0LEAD2", "U0SRE"))
                .body("approvals.decision", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("APPROVE")))
                .body("approvals.forCurrentPlan", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(true)));
        tick(op.id);
        tick(op.id);
        Operation done = load(op.id);
        assertEquals(Phase.SUCCEEDED, done.phase, done.latestReason());
        List<String> decisions = audit.latest(Optional.of("catalog"), 30).stream().filter(r -> op.id.toString().equals(r.operationId))
                .map(r -> r.action + ":" + r.decision + ":" + r.actorId).toList();
        assertTrue(decisions.contains("approve:REFUSED:U0LEAD1") && decisions.contains("approve:APPROVED:U0LEAD2")
                && decisions.contains("approve:APPROVED:U0SRE"), decisions.toString());
        threadNotes.run();
        String thread = String.join("\n", slack.calls(c -> c.method().equals("chat.postMessage") && c.body().contains("thread_ts"))
                .stream().map(c -> c.param("text")).toList());
        assertTrue(thread.contains(":+1: approved by <@U0LEAD2>") && thread.contains(":+1: approved by <@U0SRE>"), thread);
        assertTrue(!thread.contains("approved by <@U0LEAD1>"), "a refused click leaves no line: " + thread);
    }

    @Test
    void expiredApprovalsAndApprovalsOfAnotherPlanDoNotCount() throws Exception {
        Operation op = awaitingApproval("U0DEV1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO operation_approval (operation_id, approver_id, decision, plan_hash, given_at) VALUES ('"
                    + op.id + "', 'U0LEAD1', 'APPROVE', '" + op.stepsHash + "', now() - interval '31 minutes')");
            s.executeUpdate("INSERT INTO operation_approval (operation_id, approver_id, decision, plan_hash, given_at) VALUES ('"
                    + op.id + "', 'U0SRE', 'APPROVE', '" + "f".repeat(64) + "', now())");
        }
        assertTrue(click("U0LEAD2", OperationMessage.APPROVE, op.id).contains("Approved"));
        tick(op.id);
        Operation still = load(op.id);
        assertEquals(Phase.AWAITING_APPROVAL, still.phase, "one of three approvals counts");
        assertTrue(still.latestReason().contains("1/2"), still.latestReason());
    }

    @Test
    void promoteNowIsForApproversAndEndsTheRemainingHolds() throws Exception {
        StartResult started = engine.start(new OperationRequest("promote", "catalog", "production",
                List.of(StepSpec.of("test.hold", Map.of("for", "PT1H")), StepSpec.of("test.hold", Map.of("for", "PT1H"))),
                List.of(), "U0DEV1", "dev"));
        Operation op = assertInstanceOf(StartResult.Started.class, started).operation();
        tick(op.id);
        assertEquals(Phase.RUNNING, load(op.id).phase);
        live.refresh();
        assertTrue(slack.calls(c -> c.method().equals("chat.postMessage") && c.body().contains(op.id.toString()))
                .get(0).param("blocks").contains(OperationMessage.PROMOTE_NOW));

        assertTrue(click("U0DEV1", OperationMessage.PROMOTE_NOW, op.id).contains("Only"), "requesters are not approvers in production");
        assertTrue(click("U0LEAD1", OperationMessage.PROMOTE_NOW, op.id).contains("Promoting now"));
        assertTrue(click("U0LEAD1", OperationMessage.PROMOTE_NOW, op.id).contains("Nothing to do"), "a second click acts once");
        tick(op.id);
        tick(op.id);
        Operation done = load(op.id);
        assertEquals(Phase.SUCCEEDED, done.phase, "both one-hour holds ended at once");
        assertEquals("U0LEAD1", done.handles.get(OperationEngine.PROMOTE_NOW));
    }

    @Test
    void aRejectionRollsTheOperationBack() throws Exception {
        Operation op = awaitingApproval("U0DEV1");
        assertTrue(click("U0LEAD1", OperationMessage.REJECT, op.id).contains("Rejected"));
        tick(op.id);
        assertTrue(load(op.id).onRollbackPath, "the rejection sends it down the rollback path");
        tick(op.id);
        Operation rejected = load(op.id);
        assertEquals(Phase.ROLLED_BACK, rejected.phase, rejected.endReason);
        assertTrue(rejected.endReason.contains("rejected by name-of-u0lead1 (U0LEAD1)"), rejected.endReason);
        assertTrue(click("U0LEAD2", OperationMessage.APPROVE, op.id).contains("Nothing to approve"));
    }
}
