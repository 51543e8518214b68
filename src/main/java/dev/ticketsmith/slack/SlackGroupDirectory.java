package dev.ticketsmith.slack;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.Principals;
import dev.ticketsmith.config.SlackSettings;
import dev.ticketsmith.policy.GroupMembership;
import dev.ticketsmith.policy.GroupMembershipUnknown;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * User-group membership from Slack ({@code usergroups.users.list}), cached per group for
 * {@code group-cache-ttl}. The groups named in the catalogue are refreshed in the background, so a
 * command rarely waits for Slack. When Slack cannot answer, the members of the last successful read
 * are used while that read is no older than {@code group-stale-limit}; beyond it, or for a group never
 * read, {@link #isMember} throws {@link GroupMembershipUnknown} rather than answer "not a member". A
 * failed read is not retried for {@link #RETRY_AFTER_FAILURE}, so a burst of clicks does not pile
 * onto a failing Slack.
 */
@ApplicationScoped
public class SlackGroupDirectory implements GroupMembership {

    private static final Logger LOG = Logger.getLogger(SlackGroupDirectory.class);

    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    /** Lists the members of one user group, or throws {@link SlackCallFailed}. */
    @FunctionalInterface
    interface MemberReader {
        Set<String> members(String groupId);
    }

    private final MemberReader slack;
    private final Clock clock;
    private final Duration ttl;
    private final Duration staleLimit;
    private final Catalog catalog;
    private final Map<String, GroupSnapshot> cache = new ConcurrentHashMap<>();

    @Inject
    SlackGroupDirectory(SlackWebApi slack, SlackSettings settings, Catalog catalog) {
        this(slack::userGroupMembers, Clock.systemUTC(), settings.groupCacheTtl(), settings.groupStaleLimit(), catalog);
    }

    /** A stale limit shorter than {@code ttl} counts as {@code ttl}: a fresh cache is always trusted. */
    SlackGroupDirectory(MemberReader slack, Clock clock, Duration ttl, Duration staleLimit, Catalog catalog) {
        this.slack = slack;
        this.clock = clock;
        this.ttl = ttl;
        this.staleLimit = staleLimit.compareTo(ttl) < 0 ? ttl : staleLimit;
        this.catalog = catalog;
    }

    /** @throws GroupMembershipUnknown when Slack cannot answer and the last good read is too old, or there was none */
    @Override
    public boolean isMember(String userId, String groupId) {
        Instant now = clock.instant();
        GroupSnapshot known = cache.getOrDefault(groupId, GroupSnapshot.NEVER_READ);
        if (known.needsReading(now, ttl, RETRY_AFTER_FAILURE)) {
            known = read(groupId);
        }
        return known.trustedMembers(groupId, now, staleLimit).contains(userId);
    }

    /** Keeps the catalogue's groups warm. Per replica: it is a cache, not shared state. */
    @Scheduled(every = "${ticketsmith.slack.group-refresh-every:2m}", delay = 5,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        catalog.environments().values().stream().flatMap(SlackGroupDirectory::principals)
                .flatMap(p -> p.groups().stream()).distinct().forEach(this::read);
    }

    private GroupSnapshot read(String groupId) {
        try {
            GroupSnapshot fresh = GroupSnapshot.read(slack.members(groupId), clock.instant());
            cache.put(groupId, fresh);
            return fresh;
        } catch (SlackCallFailed e) {
            LOG.warnf("Could not read the members of user group %s: %s", groupId, e.slackError());
            return cache.compute(groupId, (id, known) ->
                    (known == null ? GroupSnapshot.NEVER_READ : known).failed(e.getMessage(), clock.instant()));
        }
    }

    private static Stream<Principals> principals(EnvironmentSpec env) {
        return Stream.of(env.requesters(), env.approvers(), env.oncall());
    }
}
