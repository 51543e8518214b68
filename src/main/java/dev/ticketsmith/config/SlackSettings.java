package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How TICKETSMITH talks to Slack. Keys under {@code ticketsmith.slack}; the secrets come from
 * {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET} and (Socket Mode) {@code SLACK_APP_TOKEN},
 * the API base from {@code TICKETSMITH_SLACK_API_URL}.
 */
@ConfigMapping(prefix = "ticketsmith.slack")
public interface SlackSettings {

    /** Bot token ({@code xoxb-…}). Absent in dev: Web API calls are logged instead of sent. */
    Optional<String> botToken();

    /** Signing secret used to verify every request from Slack. */
    Optional<String> signingSecret();

    /**
     * App-level token ({@code xapp-…}, scope {@code connections:write}). When set, Slack's requests
     * arrive over Socket Mode and {@code /slack/events} refuses every request.
     */
    Optional<String> appToken();

    /** Socket Mode's tuning; used only when {@link #appToken()} is set. */
    SocketMode socketMode();

    /** Base URL of the Slack Web API, with a trailing slash. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Largest request body accepted on {@code /slack/events}. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** How far a request timestamp may be from now, in the past or in the future. */
    @WithDefault("5m")
    Duration timestampTolerance();

    /** Retries of a Web API call answered with 5xx or a network error (429 waits are extra). */
    @WithDefault("3")
    int maxRetries();

    /** Longest Retry-After the adapter honours before it gives up on a call. */
    @WithDefault("60s")
    Duration maxRetryAfter();

    /** How often live operation messages are brought up to date ({@code off} disables it, as tests do). */
    @WithDefault("1s")
    String liveRefreshEvery();

    /** How long user-group memberships are cached. */
    @WithDefault("5m")
    Duration groupCacheTtl();

    /**
     * How old, counted from the last successful read, a group's members may be when Slack cannot be
     * asked; beyond it a decision that depends on the group is refused or waits.
     */
    @WithDefault("10m")
    Duration groupStaleLimit();

    /** Keys under {@code ticketsmith.slack.socket-mode}. */
    interface SocketMode {

        /** Envelopes handled at once; each is acknowledged when its handler returns. */
        @WithDefault("10")
        int concurrency();

        /** How often the connection is checked with a ping and replaced (a new URL) when it is dead. */
        @WithDefault("5s")
        Duration sessionCheckEvery();
    }
}
