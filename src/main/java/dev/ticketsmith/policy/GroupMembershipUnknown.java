package dev.ticketsmith.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack could not say whether a user is in a user group, and what the bot last knew of the group is
 * too old to trust, or it never knew. {@link GroupMembership#isMember} throws this instead of
 * answering "not a member": a decision that depends on the group is refused, or waits, and says why.
 */
public class GroupMembershipUnknown extends RuntimeException {

    private final String groupId;
    private final String failure;
    private final Duration sinceLastGoodAnswer;

    /**
     * @param groupId the user group ({@code S…} id) whose members are unknown
     * @param failure what went wrong when Slack was asked, such as {@code usergroups.users.list failed: ratelimited}
     * @param sinceLastGoodAnswer how long ago Slack last listed the members; empty if it never did
     */
    public GroupMembershipUnknown(String groupId, String failure, Optional<Duration> sinceLastGoodAnswer) {
        super("the members of user group " + groupId + " are unknown");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.sinceLastGoodAnswer = sinceLastGoodAnswer.orElse(null);
    }

    public String groupId() {
        return groupId;
    }

    /** What went wrong when Slack was asked, without the age of the last good answer. */
    public String failure() {
        return failure;
    }

    /** How long ago Slack last listed the group's members; empty if it never did. */
    public Optional<Duration> sinceLastGoodAnswer() {
        return Optional.ofNullable(sinceLastGoodAnswer);
    }

    @Override
    public String getMessage() {
        return super.getMessage() + ": " + why();
    }

    /** Slack's failure and the age of the last good answer, such as {@code ...: ratelimited; last good answer 14 minutes ago}. */
    public String why() {
        return failure + "; " + sinceLastGoodAnswer().map(age -> "last good answer " + ago(age) + " ago")
                .orElse("no good answer since the bot started");
    }

    /**
     * A refusal for the user whose membership decides, in Slack mrkdwn.
     *
     * @param verb the action as it reads after "let you", such as {@code approve operations}
     */
    public String refusal(String verb, String environment) {
        return "I could not check whether you are in <!subteam^" + groupId + "> with Slack (" + why() + "), so I cannot let you "
                + verb + " in " + environment + ". Try again in a minute; if it keeps failing, the bot may be missing the"
                + " usergroups:read scope.";
    }

    private static String ago(Duration age) {
        if (age.toMinutes() < 1) {
            return count(age.toSeconds(), "second");
        }
        if (age.toMinutes() < 120) {
            return count(age.toMinutes(), "minute");
        }
        return count(age.toHours(), "hour");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
