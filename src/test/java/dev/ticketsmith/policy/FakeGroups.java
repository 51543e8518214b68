package dev.ticketsmith.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fixed Slack user group memberships that remember which groups were looked up; a group marked
 * {@link #unknown(String...)} answers as Slack's failing look-ups do, with {@link #UNKNOWN_WHY}.
 */
final class FakeGroups implements GroupMembership {

    /** What an unknown group's look-up says went wrong. */
    static final String FAILURE = "usergroups.users.list failed: ratelimited";
    static final String UNKNOWN_WHY = FAILURE + "; last good answer 14 minutes ago";

    private final Map<String, Set<String>> members;
    private final Set<String> unknown = new HashSet<>();
    private final List<String> lookups = new ArrayList<>();

    FakeGroups(Map<String, Set<String>> members) {
        this.members = members;
    }

    /** The groups used by the policy tests' catalogue. */
    static FakeGroups shop() {
        return new FakeGroups(Map.of(
                "S0DEVS", Set.of("U0DEV2"),
                "S0SRELEADS", Set.of("U0SRE1"),
                "S0ONCALL", Set.of("U0ONCALL")));
    }

    /** Makes look-ups of these groups fail as when Slack cannot answer and the last answer is too old. */
    FakeGroups unknown(String... groupIds) {
        unknown.addAll(List.of(groupIds));
        return this;
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        lookups.add(groupId);
        if (unknown.contains(groupId)) {
            throw new GroupMembershipUnknown(groupId, FAILURE, Optional.of(Duration.ofMinutes(14)));
        }
        return members.getOrDefault(groupId, Set.of()).contains(userId);
    }

    List<String> lookups() {
        return lookups;
    }
}
