package dev.ticketsmith.config;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupRequirementsTest {

    private static SlackSettings slack(String token, String secret) {
        return slack(token, secret, null);
    }

    private static SlackSettings slack(String token, String secret, String appToken) {
        return new SlackSettings() {
            public Optional<String> botToken() { return Optional.ofNullable(token); }
            public Optional<String> signingSecret() { return Optional.ofNullable(secret); }
            public Optional<String> appToken() { return Optional.ofNullable(appToken); }
            public SocketMode socketMode() { throw new UnsupportedOperationException("not read at start-up checks"); }
            public String apiUrl() { return "https://slack.com/api/"; }
            public int maxBodyBytes() { return 65536; }
            public Duration timestampTolerance() { return Duration.ofMinutes(5); }
            public int maxRetries() { return 3; }
            public Duration maxRetryAfter() { return Duration.ofSeconds(60); }
            public Duration groupCacheTtl() { return Duration.ofMinutes(5); }
            public Duration groupStaleLimit() { return Duration.ofMinutes(10); }
            public String liveRefreshEvery() { return "1s"; }
        };
    }

    private static TicketsmithSettings settings(String catalog) {
        return new TicketsmithSettings() {
            public Optional<String> catalog() { return Optional.ofNullable(catalog); }
            public Optional<String> apiToken() { return Optional.empty(); }
        };
    }

    @Test
    void productionNamesEveryMissingVariable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StartupRequirements.check(LaunchMode.NORMAL, slack(null, null), settings(null)));
        assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN"), e.getMessage());
        assertTrue(e.getMessage().contains("SLACK_SIGNING_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("TICKETSMITH_CATALOG"), e.getMessage());
    }

    @Test
    void productionStartsWithAllThree() {
        assertDoesNotThrow(() -> StartupRequirements.check(LaunchMode.NORMAL, slack("xoxb-1", "s"), settings("/c.yaml")));
    }

    @Test
    void devRunsWithoutABotTokenButNotWithoutASecret() {
        assertDoesNotThrow(() -> StartupRequirements.check(LaunchMode.DEVELOPMENT, slack(null, "s"), settings("/c.yaml")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StartupRequirements.check(LaunchMode.DEVELOPMENT, slack(null, null), settings("/c.yaml")));
        assertTrue(!e.getMessage().contains("SLACK_BOT_TOKEN") && e.getMessage().contains("SLACK_SIGNING_SECRET"), e.getMessage());
    }

    @Test
    void socketModeNeedsNoSigningSecret() {
        assertDoesNotThrow(() -> StartupRequirements.check(LaunchMode.NORMAL, slack("xoxb-1", null, "xapp-1"), settings("/c.yaml")));
    }
}
