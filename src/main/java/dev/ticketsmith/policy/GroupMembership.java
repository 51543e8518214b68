package dev.ticketsmith.policy;

/**
 * Answers whether a Slack user belongs to a Slack user group ({@code S…} id). Implemented against
 * Slack's {@code usergroups.users.list}; tests use a fixed map.
 */
@FunctionalInterface
public interface GroupMembership {

    /**
     * Whether {@code userId} is currently a member of the user group {@code groupId}.
     *
     * @throws GroupMembershipUnknown when the members cannot be known well enough to answer "no"
     */
    boolean isMember(String userId, String groupId);
}
