package dev.ticketsmith.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketsmith.catalog.CatalogException;
import dev.ticketsmith.catalog.CatalogLoader;
import dev.ticketsmith.policy.GroupMembershipUnknown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How long the members of a user group are trusted when Slack cannot list them: a 5-minute cache,
 * a 10-minute limit counted from the last successful read, and an exception that says why beyond it.
 */
class SlackGroupDirectoryTest {

    private static final String LEADS = "S0SRELEADS";
    private static final String CATALOG = """
            pipeline: [production]
            environments:
              production:
                namespace: shop-prod
                channel: C0PROD
                approvers: {groups: [S0SRELEADS]}
            """;

    private final SteeredClock clock = new SteeredClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final SteeredSlack slack = new SteeredSlack();
    private SlackGroupDirectory directory;

    @BeforeEach
    void setUp() throws CatalogException {
        directory = new SlackGroupDirectory(slack, clock, Duration.ofMinutes(5), Duration.ofMinutes(10),
                CatalogLoader.parse(CATALOG, "directory-test.yaml"));
    }

    @Test
    void aFreshCacheAnswersWithoutAskingSlack() {
        directory.refresh();
        clock.advance(Duration.ofMinutes(2));
        slack.failing = "ratelimited";
        directory.refresh();
        clock.advance(Duration.ofMinutes(2));

        assertTrue(directory.isMember("U0SRE1", LEADS));
        assertFalse(directory.isMember("U0DEV1", LEADS));
        assertEquals(2, slack.calls, "one good read and one failed refresh; the answers came from the cache");
    }

    @Test
    void aFailureWithinTheLimitKeepsTheLastMembers() {
        directory.refresh();
        slack.failing = "ratelimited";
        clock.advance(Duration.ofMinutes(6));

        assertTrue(directory.isMember("U0SRE1", LEADS));
        clock.advance(Duration.ofMinutes(3));
        assertTrue(directory.isMember("U0SRE1", LEADS));
        assertFalse(directory.isMember("U0DEV1", LEADS));
        assertEquals(3, slack.calls);
    }

    @Test
    void aFailureBeyondTheLimitRefusesWithTheReason() {
        directory.refresh();
        slack.failing = "ratelimited";
        clock.advance(Duration.ofMinutes(6));
        assertTrue(directory.isMember("U0SRE1", LEADS), "failed reads do not make the last members younger");
        clock.advance(Duration.ofMinutes(8));

        GroupMembershipUnknown unknown = assertThrows(GroupMembershipUnknown.class, () -> directory.isMember("U0SRE1", LEADS));
        assertEquals(LEADS, unknown.groupId());
        assertEquals("usergroups.users.list failed: ratelimited; last good answer 14 minutes ago", unknown.why());
        assertThrows(GroupMembershipUnknown.class, () -> directory.isMember("U0DEV1", LEADS), "nobody is answered \"not a member\"");
    }

    @Test
    void aGroupNeverReadIsUnknownRatherThanEmpty() {
        slack.failing = "missing_scope";

        GroupMembershipUnknown unknown = assertThrows(GroupMembershipUnknown.class, () -> directory.isMember("U0SRE1", LEADS));
        assertEquals("usergroups.users.list failed: missing_scope; no good answer since the bot started", unknown.why());
    }

    @Test
    void slackIsAskedAgainHalfAMinuteAfterAFailure() {
        slack.failing = "ratelimited";
        assertThrows(GroupMembershipUnknown.class, () -> directory.isMember("U0SRE1", LEADS));
        slack.failing = null;
        clock.advance(Duration.ofSeconds(10));
        assertThrows(GroupMembershipUnknown.class, () -> directory.isMember("U0SRE1", LEADS));
        assertEquals(1, slack.calls, "a failure stands for 30 seconds");

        clock.advance(Duration.ofSeconds(20));
        assertTrue(directory.isMember("U0SRE1", LEADS));
    }

    /** The Slack call: lists U0SRE1 as the only lead, or fails with {@link #failing} when set. */
    private static final class SteeredSlack implements SlackGroupDirectory.MemberReader {
        String failing;
        int calls;

        @Override
        public Set<String> members(String groupId) {
            calls++;
            if (failing != null) {
                throw new SlackCallFailed("usergroups.users.list", failing, null);
            }
            return groupId.equals(LEADS) ? Set.of("U0SRE1") : Set.of();
        }
    }

    /** A clock that moves only when told to. */
    private static final class SteeredClock extends Clock {
        private Instant now;

        SteeredClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
