package dev.ticketsmith.slack;

import dev.ticketsmith.policy.GroupMembershipUnknown;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SlackGroupDirectory} knows of one user group: the members as of the last successful
 * read ({@code readAt}, {@code null} before the first) and, when the latest read failed, what went
 * wrong and when ({@code failure} and {@code failedAt}, otherwise {@code null}).
 */
record GroupSnapshot(Set<String> members, Instant readAt, String failure, Instant failedAt) {

    /** Nothing known yet. */
    static final GroupSnapshot NEVER_READ = new GroupSnapshot(Set.of(), null, null, null);

    /** The members Slack has just listed. */
    static GroupSnapshot read(Set<String> members, Instant at) {
        return new GroupSnapshot(Set.copyOf(members), at, null, null);
    }

    /** The same members and age, after a read that failed with {@code failure}. */
    GroupSnapshot failed(String failure, Instant at) {
        return new GroupSnapshot(members, readAt, failure, at);
    }

    /**
     * Whether to ask Slack now: the last good read is older than {@code ttl} (or there was none),
     * and the latest failure, if any, is older than {@code retryAfterFailure}.
     */
    boolean needsReading(Instant now, Duration ttl, Duration retryAfterFailure) {
        boolean fresh = readAt != null && !now.isAfter(readAt.plus(ttl));
        boolean backingOff = failedAt != null && now.isBefore(failedAt.plus(retryAfterFailure));
        return !fresh && !backingOff;
    }

    /**
     * The members, when they can be trusted: the latest read succeeded, or the last good one is no
     * older than {@code staleLimit}.
     *
     * @throws GroupMembershipUnknown otherwise, with the failure and the age of the last good read
     */
    Set<String> trustedMembers(String groupId, Instant now, Duration staleLimit) {
        if (failure == null || readAt != null && !now.isAfter(readAt.plus(staleLimit))) {
            return members;
        }
        throw new GroupMembershipUnknown(groupId, failure, Optional.ofNullable(readAt).map(at -> Duration.between(at, now)));
    }
}
