package dev.ticketsmith.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Socket Mode against local fakes: starts a {@link FakeSocketModeServer}, makes the shared
 * {@link FakeSlackApi} answer {@code apps.connections.open} with its URLs (only for the app-level
 * token; anything else gets {@code invalid_auth}, as Slack answers), and turns Socket Mode on with a
 * one-second session check. Use it from a test profile, so that no other test class connects. The
 * init argument {@code unavailable-first=N} makes the first N {@code apps.connections.open} calls
 * answer 503, as while Slack is out of reach.
 */
public class FakeSocketModeResource implements QuarkusTestResourceLifecycleManager {

    public static final String APP_TOKEN = "xapp-1-A0FAKE-0000-test";

    private static volatile FakeSocketModeServer server;
    private int unavailableFirst;

    public static FakeSocketModeServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        unavailableFirst = Integer.parseInt(initArgs.getOrDefault("unavailable-first", "0"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(new FakeSlackResource().start());
        try {
            server = new FakeSocketModeServer();
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        FakeSocketModeServer current = server;
        FakeSlackResource.api().answerWith("apps.connections.open", authorization -> authorization.equals("Bearer " + APP_TOKEN)
                ? "{\"ok\":true,\"url\":\"" + current.nextUrl() + "\"}"
                : "{\"ok\":false,\"error\":\"invalid_auth\"}");
        if (unavailableFirst > 0) {
            FakeSlackResource.api().failNext("apps.connections.open", 503, null, unavailableFirst);
        }
        config.put("ticketsmith.slack.app-token", APP_TOKEN);
        config.put("ticketsmith.slack.socket-mode.session-check-every", "1s");
        return config;
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
