package dev.ticketsmith.ops.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.CatalogException;
import dev.ticketsmith.catalog.CatalogLoader;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.policy.Approval;
import dev.ticketsmith.policy.ApprovalRequirement;
import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.GroupMembershipUnknown;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approval gate while Slack cannot confirm who is in the approver group. */
class ApprovalGateStepTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String PLAN = "a".repeat(64);
    private static final String CATALOG = """
            pipeline: [production]
            environments:
              production:
                namespace: shop-prod
                channel: C0PROD
                requesters: {users: [U0DEV1]}
                approvers: {users: [U0LEAD1, U0LEAD2], groups: [S0SRELEADS]}
                approvals: 2
            """;

    private static final GroupMembership SLACK_FAILING = (user, group) -> {
        throw new GroupMembershipUnknown(group, "usergroups.users.list failed: ratelimited", Optional.of(Duration.ofMinutes(14)));
    };
    private static final GroupMembership SLACK_ANSWERING = (user, group) -> user.equals("U0SRE1");

    private ApprovalRequirement requirement;
    private List<Approval> approvals;

    @BeforeEach
    void setUp() throws CatalogException {
        EnvironmentSpec production = CatalogLoader.parse(CATALOG, "gate-test.yaml").environment("production").orElseThrow();
        requirement = ApprovalRequirement.of(production);
        approvals = List.of(new Approval("U0LEAD2", "lead2", NOW.minusSeconds(120), PLAN),
                new Approval("U0SRE1", "sre1", NOW.minusSeconds(60), PLAN));
    }

    @Test
    void anApproverWhoseMembershipIsUnknownIsNotCountedAndTheGateSaysWhy() {
        StepResult result = new ApprovalGateStep(null, SLACK_FAILING).judge(requirement, "U0DEV1", PLAN, approvals, NOW);

        StepResult.Wait wait = assertInstanceOf(StepResult.Wait.class, result);
        assertTrue(wait.awaitingApproval());
        assertTrue(wait.note().startsWith("waiting for approvals: 1/2 (lead2 (U0LEAD2))"), wait.note());
        assertTrue(wait.note().endsWith("; could not check with Slack whether sre1 (U0SRE1) is in user group S0SRELEADS"
                + " (usergroups.users.list failed: ratelimited), so that approval does not count yet"), wait.note());
    }

    @Test
    void theWaitingApprovalCountsOnceSlackAnswers() {
        StepResult result = new ApprovalGateStep(null, SLACK_ANSWERING).judge(requirement, "U0DEV1", PLAN, approvals, NOW);

        assertEquals(StepResult.done("approved by lead2 (U0LEAD2), sre1 (U0SRE1)"), result);
    }
}
