package dev.ticketsmith.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ticketsmith.config.SlackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The one Slack SDK client of the process, pointed at {@code TICKETSMITH_SLACK_API_URL} and with
 * bounded timeouts. Bolt and {@link SlackWebApi} both use it.
 */
@ApplicationScoped
public class SlackClientProducer {

    @Produces
    @ApplicationScoped
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        String url = settings.apiUrl().endsWith("/") ? settings.apiUrl() : settings.apiUrl() + "/";
        config.setMethodsEndpointUrlPrefix(url);
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientWriteTimeoutMillis(10_000);
        config.setHttpClientCallTimeoutMillis(15_000);
        config.setPrettyResponseLoggingEnabled(false);
        config.setLibraryMaintainerMode(false);
        return Slack.getInstance(config);
    }

    void close(@Disposes Slack slack) throws Exception {
        slack.close();
    }
}
