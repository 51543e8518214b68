package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.policy.GroupMembership;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Naming and matching sets of Slack users and groups. */
class PrincipalsTest {

    private static final Principals LEADS = new Principals(List.of("U0LEAD1", "U0LEAD2"), List.of("S0SRELEADS"));

    @Test
    void describesInSlackMarkup() {
        assertEquals("<@U0LEAD1>, <@U0LEAD2> or members of <!subteam^S0SRELEADS>", LEADS.describe());
        assertEquals("<@U0DEV1>", new Principals(List.of("U0DEV1"), List.of()).describe());
        assertEquals("<@U0DEV1> or <@U0DEV2>", new Principals(List.of("U0DEV1", "U0DEV2"), List.of()).describe());
        assertEquals("members of <!subteam^S0A>, <!subteam^S0B>", new Principals(List.of(), List.of("S0A", "S0B")).describe());
        assertEquals("nobody", Principals.NOBODY.describe());
    }

    @Test
    void includesListedUsersWithoutAskingAboutGroups() {
        List<String> asked = new ArrayList<>();
        GroupMembership membership = (user, group) -> asked.add(group) && false;

        assertTrue(LEADS.includes("U0LEAD2", membership));
        assertEquals(List.of(), asked);
        assertFalse(LEADS.includes("U0OTHER", membership));
        assertEquals(List.of("S0SRELEADS"), asked);
    }

    @Test
    void includesGroupMembers() {
        assertTrue(LEADS.includes("U0SRE1", (user, group) -> user.equals("U0SRE1") && group.equals("S0SRELEADS")));
    }

    @Test
    void unionKeepsOrderWithoutRepeats() {
        Principals devs = new Principals(List.of("U0DEV1", "U0LEAD1"), List.of("S0DEVS"));

        assertEquals(new Principals(List.of("U0DEV1", "U0LEAD1", "U0LEAD2"), List.of("S0DEVS", "S0SRELEADS")), devs.union(LEADS));
    }
}
