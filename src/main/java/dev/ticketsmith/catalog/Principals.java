package dev.ticketsmith.catalog;

import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.GroupMembershipUnknown;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of principals: individual Slack users ({@code U…} or {@code W…} ids), members of Slack user
 * groups ({@code S…} ids) and, where the catalogue allows them, API clients by name. Written in the
 * catalogue as {@code {users: [U0LEAD1], groups: [S0SRE], clients: [github-actions]}}.
 *
 * @param users Slack user ids, in catalogue order
 * @param groups Slack user group ids, in catalogue order
 * @param clients names of API clients ({@code apiClients}), in catalogue order
 */
public record Principals(List<String> users, List<String> groups, List<String> clients) {

    /** How an API client appears as an actor: {@code api:<name>}. */
    public static final String API_ACTOR = "api:";

    /** Nobody at all. */
    public static final Principals NOBODY = new Principals(List.of(), List.of(), List.of());

    /** Copies the lists; a missing list means none. */
    public Principals {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** Slack users and groups only. */
    public Principals(List<String> users, List<String> groups) {
        this(users, groups, List.of());
    }

    /** Whether there is no user, no group and no API client. */
    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty() && clients.isEmpty();
    }

    /** Whether an actor id names an API client ({@code api:<name>}) rather than a Slack user. */
    public static boolean isApiClient(String actorId) {
        return actorId != null && actorId.startsWith(API_ACTOR);
    }

    /**
     * Whether {@code userId} is one of the users or a member of one of the groups. Users are
     * checked first, so group membership is only looked up when needed; a group whose members are
     * unknown does not stop the others from being asked.
     *
     * @throws GroupMembershipUnknown when no group includes the user and one could not answer
     */
    public boolean includes(String userId, GroupMembership membership) {
        if (isApiClient(userId)) {
            return clients.contains(userId.substring(API_ACTOR.length())); // a client is never a Slack user nor in a group
        }
        if (users.contains(userId)) {
            return true;
        }
        GroupMembershipUnknown unknown = null;
        for (String group : groups) {
            try {
                if (membership.isMember(userId, group)) {
                    return true;
                }
            } catch (GroupMembershipUnknown e) {
                unknown = unknown == null ? e : unknown;
            }
        }
        if (unknown != null) {
            throw unknown;
        }
        return false;
    }

    /** Everyone in this set or in {@code other}, without repeats, this set's members first. */
    public Principals union(Principals other) {
        return new Principals(distinct(users, other.users), distinct(groups, other.groups), distinct(clients, other.clients));
    }

    /**
     * Slack mrkdwn naming these principals, such as
     * {@code <@U0LEAD1>, <@U0LEAD2> or members of <!subteam^S0SRELEADS>}, or {@code nobody}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        users.forEach(user -> parts.add("<@" + user + ">"));
        if (!groups.isEmpty()) {
            List<String> mentions = groups.stream().map(group -> "<!subteam^" + group + ">").toList();
            parts.add("members of " + String.join(", ", mentions));
        }
        clients.forEach(client -> parts.add("API client `" + client + "`"));
        if (parts.isEmpty()) {
            return "nobody";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    private static List<String> distinct(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
