package dev.ticketsmith.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.ticketsmith.config.SlackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Builds the Bolt {@link App}: Bolt's own request verification is off (it lets future timestamps
 * through; {@link SlackEndpoint} verifies instead), the bot token enables Bolt's single-workspace
 * authorisation ({@code auth.test}, cached), and every slash command name, button and modal is routed
 * to TICKETSMITH's thin handlers.
 */
@ApplicationScoped
public class BoltAppProducer {

    @Produces
    @ApplicationScoped
    App app(SlackSettings settings, Slack slack, SlashCommandHandler commands, InteractionHandler interactions) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().orElse(""))
                .singleTeamBotToken(settings.botToken().orElse(null))
                .requestVerificationEnabled(false)
                .ignoringSelfEventsEnabled(false)
                .sslCheckEnabled(true)
                .authTestCacheEnabled(true)
                .build();
        App app = new App(config);
        app.command(Pattern.compile("^/.+$"), commands::handle);
        app.blockAction(Pattern.compile("^.+$"), interactions::handleBlockAction);
        app.viewSubmission(Pattern.compile("^.+$"), interactions::handleViewSubmission);
        return app;
    }

    @Produces
    @ApplicationScoped
    SlackSignatureVerifier verifier(SlackSettings settings) {
        return new SlackSignatureVerifier(settings.signingSecret().orElse(""), settings.timestampTolerance(),
                Clock.systemUTC());
    }
}
