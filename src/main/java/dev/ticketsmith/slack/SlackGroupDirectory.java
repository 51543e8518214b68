package dev.ticketsmith.slack;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.EnvironmentSpec;
import dev.ticketsmith.catalog.Principals;
import dev.ticketsmith.config.SlackSettings;
import dev.ticketsmith.policy.GroupMembership;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * User-group membership from Slack ({@code usergroups.users.list}), cached per group. The groups
 * named in the catalogue are refreshed in the background, so a command rarely waits for Slack;
 * when a refresh fails the last known members are kept, and a group never read counts as empty.
 */
@ApplicationScoped
public class SlackGroupDirectory implements GroupMembership {

    private static final Logger LOG = Logger.getLogger(SlackGroupDirectory.class);

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private record Members(Set<String> users, Instant fetchedAt) {
    }

    private final SlackWebApi slack;
    private final SlackSettings settings;
    private final Catalog catalog;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    SlackGroupDirectory(SlackWebApi slack, SlackSettings settings, Catalog catalog) {
        this.slack = slack;
        this.settings = settings;
        this.catalog = catalog;
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        Members members = cache.get(groupId);
        if (members == null || members.fetchedAt().plus(settings.groupCacheTtl()).isBefore(clock.instant())) {
            members = fetch(groupId);
        }
        return members.users().contains(userId);
    }

    /** Keeps the catalogue's groups warm. Per replica: it is a cache, not shared state. */
    @Scheduled(every = "${ticketsmith.slack.group-refresh-every:2m}", delay = 5,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        catalog.environments().values().stream().flatMap(SlackGroupDirectory::principals)
                .flatMap(p -> p.groups().stream()).distinct().forEach(this::fetch);
    }

    private Members fetch(String groupId) {
        try {
            Members fresh = new Members(Set.copyOf(slack.userGroupMembers(groupId)), clock.instant());
            cache.put(groupId, fresh);
            return fresh;
        } catch (SlackCallFailed e) {
            LOG.warnf("Could not read the members of user group %s: %s", groupId, e.slackError());
            // keep what we knew, and try again in RETRY_AFTER_FAILURE rather than on every command
            Set<String> known = cache.containsKey(groupId) ? cache.get(groupId).users() : Set.of();
            Members kept = new Members(known, clock.instant().minus(settings.groupCacheTtl()).plus(RETRY_AFTER_FAILURE));
            cache.put(groupId, kept);
            return kept;
        }
    }

    private static Stream<Principals> principals(EnvironmentSpec env) {
        return Stream.of(env.requesters(), env.approvers(), env.oncall());
    }
}
