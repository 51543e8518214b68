package dev.ticketsmith.policy;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.Principals;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may do what in which environment, from the catalogue's principals:
 * <ul>
 *   <li>{@link Action#READ}: everyone;</li>
 *   <li>{@link Action#ROLLBACK}: requesters, approvers and on-call;</li>
 *   <li>{@link Action#APPROVE}: approvers only;</li>
 *   <li>every other action: requesters and approvers.</li>
 * </ul>
 * An environment that is not in the catalogue denies everything but a read with no environment.
 * Named users are matched before group membership is looked up. When Slack cannot say whether the
 * user is in a group that would allow the action ({@link GroupMembershipUnknown}), and no other
 * group does, the action is denied with the reason. Whether an operation then needs approvals is for
 * {@link ApprovalRules}.
 */
public final class Policy {

    private static final String ANYONE = "anyone may view status, history and help";

    private final Catalog catalog;
    private final GroupMembership membership;

    public Policy(Catalog catalog, GroupMembership membership) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.membership = Objects.requireNonNull(membership, "membership");
    }

    /**
     * Decides whether {@code userId} may perform {@code action} in {@code environment}.
     *
     * @param environment the environment's name; may be {@code null} only for {@link Action#READ}
     */
    public Decision evaluate(String userId, Action action, String environment) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(action, "action");
        if (action == Action.READ && environment == null) {
            return Decision.allow(ANYONE);
        }
        Optional<EnvironmentSpec> found = environment == null ? Optional.empty() : catalog.environment(environment);
        if (found.isEmpty()) {
            return Decision.deny(environment == null
                    ? "Say which environment to " + action.verb() + " in: " + String.join(", ", catalog.environments().keySet()) + "."
                    : catalog.unknownEnvironment(environment));
        }
        if (action == Action.READ) {
            return Decision.allow(ANYONE);
        }
        EnvironmentSpec spec = found.get();
        List<Role> roles = rolesFor(action);
        Optional<Role> match;
        try {
            match = roles.stream().filter(r -> r.members.apply(spec).users().contains(userId)).findFirst()
                    .or(() -> byGroup(roles, spec, userId));
        } catch (GroupMembershipUnknown unknown) {
            return Decision.deny(unknown.refusal(action.verb(), spec.name()));
        }
        if (match.isPresent()) {
            return Decision.allow("you are " + match.get().title + " in " + spec.name());
        }
        Principals allowed = roles.stream().map(role -> role.members.apply(spec)).reduce(Principals.NOBODY, Principals::union);
        if (allowed.isEmpty()) {
            return Decision.deny("Nobody may " + action.verb() + " in " + spec.name() + ": the catalogue lists no "
                    + String.join(" or ", roles.stream().map(role -> role.plural).toList()) + " for it.");
        }
        return Decision.deny("Only " + allowed.describe() + " may " + action.verb() + " in " + spec.name() + ".");
    }

    /**
     * The first role whose groups include the user, asking every role's groups before giving up.
     *
     * @throws GroupMembershipUnknown when no group includes the user and one could not answer
     */
    private Optional<Role> byGroup(List<Role> roles, EnvironmentSpec spec, String userId) {
        GroupMembershipUnknown unknown = null;
        for (Role role : roles) {
            try {
                if (role.members.apply(spec).includes(userId, membership)) {
                    return Optional.of(role);
                }
            } catch (GroupMembershipUnknown e) {
                unknown = unknown == null ? e : unknown;
            }
        }
        if (unknown != null) {
            throw unknown;
        }
        return Optional.empty();
    }

    private static List<Role> rolesFor(Action action) {
        return switch (action) {
            case APPROVE -> List.of(Role.APPROVER);
            case ROLLBACK, RESTORE_TEST -> List.of(Role.REQUESTER, Role.APPROVER, Role.ONCALL);
            default -> List.of(Role.REQUESTER, Role.APPROVER);
        };
    }

    /** The kinds of people an environment names, and how to speak of them. */
    private enum Role {
        REQUESTER("a requester", "requesters", EnvironmentSpec::requesters),
        APPROVER("an approver", "approvers", EnvironmentSpec::approvers),
        ONCALL("on call", "on-call people", EnvironmentSpec::oncall);

        private final String title;
        private final String plural;
        private final Function<EnvironmentSpec, Principals> members;

        Role(String title, String plural, Function<EnvironmentSpec, Principals> members) {
            this.title = title;
            this.plural = plural;
            this.members = members;
        }
    }
}
