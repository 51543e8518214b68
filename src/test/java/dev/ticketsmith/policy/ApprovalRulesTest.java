package dev.ticketsmith.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.CatalogException;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.policy.Rejection.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which approvals count. Production needs 2 within 30 minutes from U0LEAD1, U0LEAD2 or members of S0SRELEADS. */
class ApprovalRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String PLAN = PlanHash.of("checkout", "production", "sha256:abc", List.of("10% for 2m", "100% for 2m"));
    private static final String REQUESTER = "U0DEV1";

    private final ApprovalRules rules = new ApprovalRules();
    private final GroupMembership groups = FakeGroups.shop();
    private EnvironmentSpec production;
    private EnvironmentSpec staging;

    @BeforeEach
    void setUp() throws CatalogException {
        Catalog catalog = PolicyTest.catalog();
        production = catalog.environment("production").orElseThrow();
        staging = catalog.environment("staging").orElseThrow();
    }

    @Test
    void twoDistinctApproversSatisfyTwo() {
        List<Approval> approvals = List.of(approval("U0LEAD1", 5), approval("U0LEAD2", 1));

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, approvals, NOW, groups);

        assertEquals(new ApprovalStatus(2, approvals, List.of(), List.of(), true), status);
        assertEquals(0, status.missing());
    }

    @Test
    void oneApprovalIsNotEnough() {
        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(approval("U0LEAD1", 1)), NOW, groups);

        assertFalse(status.satisfied());
        assertEquals(1, status.missing());
    }

    @Test
    void theRequestersOwnApprovalNeverCounts() {
        Approval own = approval("U0LEAD1", 1);

        ApprovalStatus status = rules.evaluate(production, "U0LEAD1", PLAN, List.of(own, approval("U0LEAD2", 1)), NOW, groups);

        assertEquals(List.of(new Rejection(own, Reason.REQUESTER)), status.rejected());
        assertFalse(status.satisfied());
    }

    @Test
    void expiredApprovalsDoNotCount() {
        Approval old = approval("U0LEAD1", 31);
        Approval justInTime = approval("U0LEAD2", 30);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(old, justInTime), NOW, groups);

        assertEquals(List.of(justInTime), status.counted());
        assertEquals(List.of(new Rejection(old, Reason.EXPIRED)), status.rejected());
    }

    @Test
    void approvalsOfAnotherPlanAreStale() {
        String otherPlan = PlanHash.of("checkout", "production", "sha256:def", List.of("10% for 2m", "100% for 2m"));
        Approval stale = new Approval("U0LEAD1", "Lead One", NOW.minusSeconds(60), otherPlan);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(stale, approval("U0LEAD2", 1)), NOW, groups);

        assertEquals(List.of(new Rejection(stale, Reason.STALE_PLAN)), status.rejected());
        assertFalse(status.satisfied());
    }

    @Test
    void aSecondApprovalBySamePersonCountsOnce() {
        Approval first = approval("U0LEAD1", 10);
        Approval second = approval("U0LEAD1", 2);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(second, first), NOW, groups);

        assertEquals(List.of(first), status.counted());
        assertEquals(List.of(new Rejection(second, Reason.DUPLICATE)), status.rejected());
        assertFalse(status.satisfied());
    }

    @Test
    void aFreshApprovalReplacesTheSamePersonsStaleOne() {
        Approval stale = new Approval("U0LEAD1", "Lead One", NOW.minusSeconds(600), "0".repeat(64));
        Approval fresh = approval("U0LEAD1", 1);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(stale, fresh), NOW, groups);

        assertEquals(List.of(fresh), status.counted());
        assertEquals(List.of(new Rejection(stale, Reason.STALE_PLAN)), status.rejected());
    }

    @Test
    void nonApproversDoNotCount() {
        Approval developer = approval("U0DEV2", 1);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(developer), NOW, groups);

        assertEquals(List.of(new Rejection(developer, Reason.NOT_APPROVER)), status.rejected());
    }

    @Test
    void membersOfAnApproverGroupCount() {
        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN,
                List.of(approval("U0SRE1", 3), approval("U0LEAD2", 2)), NOW, groups);

        assertTrue(status.satisfied());
    }

    @Test
    void anEnvironmentWithoutApprovalsIsSatisfiedAtOnce() {
        ApprovalStatus status = rules.evaluate(staging, REQUESTER, PLAN, List.of(), NOW, groups);

        assertEquals(new ApprovalStatus(0, List.of(), List.of(), List.of(), true), status);
    }

    @Test
    void checkRefusesABadClickAtOnce() {
        assertEquals(Optional.of(Reason.REQUESTER), reason(rules.check(production, "U0LEAD1", PLAN, approval("U0LEAD1", 0), NOW, groups)));
        assertEquals(Optional.of(Reason.NOT_APPROVER), reason(rules.check(production, REQUESTER, PLAN, approval("U0DEV2", 0), NOW, groups)));
        assertEquals(Optional.of(Reason.EXPIRED), reason(rules.check(production, REQUESTER, PLAN, approval("U0LEAD1", 45), NOW, groups)));
        assertEquals(Optional.of(Reason.STALE_PLAN), reason(rules.check(production, REQUESTER, "f".repeat(64), approval("U0LEAD1", 0), NOW, groups)));
        assertEquals(Optional.empty(), rules.check(production, REQUESTER, PLAN, approval("U0SRE1", 0), NOW, groups));
    }

    @Test
    void anApprovalWhoseApproverCannotBeCheckedNeitherCountsNorIsRejected() {
        Approval listed = approval("U0LEAD1", 3);
        Approval member = approval("U0SRE1", 2);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(listed, member), NOW,
                FakeGroups.shop().unknown("S0SRELEADS"));

        assertEquals(List.of(listed), status.counted());
        assertEquals(List.of(), status.rejected());
        assertEquals(List.of(new UnconfirmedApproval(member, "S0SRELEADS", FakeGroups.FAILURE)), status.unconfirmed());
        assertFalse(status.satisfied());
    }

    @Test
    void anOutdatedApprovalIsRejectedForThatEvenWhenItsApproverCannotBeChecked() {
        Approval expired = approval("U0SRE1", 31);

        ApprovalStatus status = rules.evaluate(production, REQUESTER, PLAN, List.of(expired), NOW, FakeGroups.shop().unknown("S0SRELEADS"));

        assertEquals(List.of(new Rejection(expired, Reason.EXPIRED)), status.rejected());
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonIsExplained(Reason reason) {
        String sentence = ApprovalRules.explain(reason);

        assertTrue(sentence.endsWith("."), sentence);
        assertTrue(sentence.length() > 30, sentence);
    }

    @Test
    void explanationsDiffer() {
        Set<String> sentences = Arrays.stream(Reason.values()).map(ApprovalRules::explain).collect(Collectors.toSet());

        assertEquals(Reason.values().length, sentences.size());
    }

    private static Approval approval(String approverId, int minutesAgo) {
        return new Approval(approverId, approverId.toLowerCase(), NOW.minus(Duration.ofMinutes(minutesAgo)), PLAN);
    }

    private static Optional<Reason> reason(Optional<Rejection> rejection) {
        return rejection.map(Rejection::reason);
    }
}
