package dev.ticketsmith.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fixed Slack user group memberships that remember which groups were looked up. */
final class FakeGroups implements GroupMembership {

    private final Map<String, Set<String>> members;
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

    @Override
    public boolean isMember(String userId, String groupId) {
        lookups.add(groupId);
        return members.getOrDefault(groupId, Set.of()).contains(userId);
    }

    List<String> lookups() {
        return lookups;
    }
}
