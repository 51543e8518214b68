package dev.ticketsmith.config;

import dev.ticketsmith.api.ApiClients;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a production start without the settings TICKETSMITH cannot work without, naming every
 * missing one with the environment variable that provides it. Dev and test have local defaults.
 */
@ApplicationScoped
public class StartupRequirements {

    private static final Logger LOG = Logger.getLogger(StartupRequirements.class);

    void onStart(@Observes @Priority(0) StartupEvent event, SlackSettings slack, TicketsmithSettings settings, ApiClients clients) {
        check(LaunchMode.current(), slack, settings);
        List<String> withoutToken = clients.withoutToken();
        if (!withoutToken.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("TICKETSMITH cannot start, API clients have no token: " + String.join("; ", withoutToken)
                    + ". See docs/configuration.md (apiClients).");
        }
        withoutToken.forEach(missing -> LOG.warnf("%s: the client cannot use the API", missing));
        if (System.getenv("TICKETSMITH_API_TOKEN") != null) {
            LOG.warn("TICKETSMITH_API_TOKEN is no longer read: declare the HTTP API's clients, each with its own token and scopes,"
                    + " under apiClients in the catalogue (docs/configuration.md)");
        }
    }

    /** Throws {@link IllegalStateException} listing what is missing, in the normal (prod) launch mode. */
    public static void check(LaunchMode mode, SlackSettings slack, TicketsmithSettings settings) {
        List<String> missing = missing(mode, slack, settings);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("TICKETSMITH cannot start, these settings are missing: "
                    + String.join("; ", missing)
                    + ". See docs/configuration.md.");
        }
    }

    static List<String> missing(LaunchMode mode, SlackSettings slack, TicketsmithSettings settings) {
        List<String> missing = new ArrayList<>();
        if (slack.signingSecret().isEmpty() && slack.appToken().isEmpty()) {
            missing.add("SLACK_SIGNING_SECRET (the app's signing secret, Basic Information page; "
                    + "or SLACK_APP_TOKEN, xapp-..., for Socket Mode)");
        }
        if (settings.catalog().isEmpty()) {
            missing.add("TICKETSMITH_CATALOG (path of the catalogue YAML)");
        }
        if (mode == LaunchMode.NORMAL && slack.botToken().isEmpty()) {
            missing.add("SLACK_BOT_TOKEN (the bot token, xoxb-..., OAuth & Permissions page)");
        }
        return missing;
    }
}
