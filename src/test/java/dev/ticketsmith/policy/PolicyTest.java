package dev.ticketsmith.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.CatalogException;
import dev.ticketsmith.catalog.CatalogLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may do what, where. */
class PolicyTest {

    static final String CATALOG = """
            pipeline: [staging, production]
            environments:
              staging:
                namespace: shop-staging
                channel: C0STAGING
                requesters: {users: [U0DEV1], groups: [S0DEVS]}
              production:
                namespace: shop-prod
                channel: C0PROD
                requesters: {users: [U0DEV1], groups: [S0DEVS]}
                approvers: {users: [U0LEAD1, U0LEAD2], groups: [S0SRELEADS]}
                approvals: 2
                oncall: {groups: [S0ONCALL]}
              sandbox:
                namespace: sandbox
                channel: C0SANDBOX
            """;

    private FakeGroups groups;
    private Policy policy;

    static Catalog catalog() throws CatalogException {
        return CatalogLoader.parse(CATALOG, "policy-test.yaml");
    }

    @BeforeEach
    void setUp() throws CatalogException {
        groups = FakeGroups.shop();
        policy = new Policy(catalog(), groups);
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"PROMOTE", "ROLLBACK", "SCALE", "RESTORE", "BACKUP", "LOCK", "UNLOCK"})
    void requestersMayRequest(Action action) {
        assertEquals(Decision.allow("you are a requester in staging"), policy.evaluate("U0DEV1", action, "staging"));
    }

    @Test
    void requestersMayNotApprove() {
        assertEquals(Decision.deny("Only <@U0LEAD1>, <@U0LEAD2> or members of <!subteam^S0SRELEADS> may approve operations in production."),
                policy.evaluate("U0DEV1", Action.APPROVE, "production"));
    }

    @Test
    void groupMembersCount() {
        assertEquals(Decision.allow("you are a requester in production"), policy.evaluate("U0DEV2", Action.PROMOTE, "production"));
        assertEquals(Decision.allow("you are an approver in production"), policy.evaluate("U0SRE1", Action.APPROVE, "production"));
    }

    @Test
    void approversMayAlsoRequest() {
        assertEquals(Decision.allow("you are an approver in production"), policy.evaluate("U0LEAD1", Action.PROMOTE, "production"));
        assertEquals(Decision.allow("you are an approver in production"), policy.evaluate("U0LEAD2", Action.APPROVE, "production"));
    }

    @Test
    void onCallMayRollBackButNotPromote() {
        assertEquals(Decision.allow("you are on call in production"), policy.evaluate("U0ONCALL", Action.ROLLBACK, "production"));
        assertEquals(Decision.deny("Only <@U0DEV1>, <@U0LEAD1>, <@U0LEAD2> or members of <!subteam^S0DEVS>, <!subteam^S0SRELEADS>"
                + " may promote in production."), policy.evaluate("U0ONCALL", Action.PROMOTE, "production"));
    }

    @Test
    void strangersAreToldWhoMay() {
        assertEquals(Decision.deny("Only <@U0DEV1>, <@U0LEAD1>, <@U0LEAD2> or members of <!subteam^S0DEVS>, <!subteam^S0SRELEADS>,"
                + " <!subteam^S0ONCALL> may roll back in production."), policy.evaluate("U0STRANGER", Action.ROLLBACK, "production"));
        assertEquals(Decision.deny("Only <@U0DEV1> or members of <!subteam^S0DEVS> may scale in staging."),
                policy.evaluate("U0STRANGER", Action.SCALE, "staging"));
    }

    @Test
    void anEnvironmentWithNobodyDeniesEveryChange() {
        assertEquals(Decision.deny("Nobody may promote in sandbox: the catalogue lists no requesters or approvers for it."),
                policy.evaluate("U0DEV1", Action.PROMOTE, "sandbox"));
        assertEquals(Decision.deny("Nobody may approve operations in sandbox: the catalogue lists no approvers for it."),
                policy.evaluate("U0LEAD1", Action.APPROVE, "sandbox"));
    }

    @Test
    void everyoneMayRead() {
        assertTrue(policy.evaluate("U0STRANGER", Action.READ, "production").allowed());
        assertTrue(policy.evaluate("U0STRANGER", Action.READ, "sandbox").allowed());
        assertEquals(Decision.allow("anyone may view status, history and help"), policy.evaluate("U0STRANGER", Action.READ, null));
    }

    @Test
    void unknownEnvironmentsAreDeniedWithASuggestion() {
        assertEquals(Decision.deny("There is no environment named \"prod\". Did you mean \"production\"? Known environments:"
                + " staging, production, sandbox."), policy.evaluate("U0DEV1", Action.PROMOTE, "prod"));
        assertEquals(Decision.deny("Say which environment to promote in: staging, production, sandbox."),
                policy.evaluate("U0DEV1", Action.PROMOTE, null));
        assertFalse(policy.evaluate("U0DEV1", Action.READ, "qa").allowed());
    }

    @Test
    void namedUsersAreMatchedBeforeAnyGroupLookup() {
        policy.evaluate("U0LEAD1", Action.ROLLBACK, "production");

        assertEquals(List.of(), groups.lookups());
    }

    @Test
    void aGroupMemberWhoseGroupIsUnknownIsRefusedWithTheReason() {
        groups.unknown("S0SRELEADS");

        assertEquals(Decision.deny("I could not check whether you are in <!subteam^S0SRELEADS> with Slack ("
                + FakeGroups.UNKNOWN_WHY + "), so I cannot let you approve operations in production. Try again in a minute;"
                + " if it keeps failing, the bot may be missing the usergroups:read scope."),
                policy.evaluate("U0SRE1", Action.APPROVE, "production"));
    }

    @Test
    void listedUsersAreStillAllowedWhileSlackFails() {
        groups.unknown("S0DEVS", "S0SRELEADS", "S0ONCALL");

        assertEquals(Decision.allow("you are an approver in production"), policy.evaluate("U0LEAD1", Action.APPROVE, "production"));
        assertEquals(Decision.allow("you are a requester in staging"), policy.evaluate("U0DEV1", Action.SCALE, "staging"));
        assertEquals(Decision.allow("you are an approver in production"), policy.evaluate("U0LEAD2", Action.ROLLBACK, "production"));
        assertEquals(List.of(), groups.lookups());
    }

    @Test
    void aGroupThatAnswersStillDecidesWhenAnotherIsUnknown() {
        groups.unknown("S0DEVS", "S0SRELEADS");

        assertEquals(Decision.allow("you are on call in production"), policy.evaluate("U0ONCALL", Action.ROLLBACK, "production"));
    }
}
