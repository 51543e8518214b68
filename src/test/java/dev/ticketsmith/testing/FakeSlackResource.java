package dev.ticketsmith.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts one {@link FakeSlackApi} for the test run and points TICKETSMITH's Slack client at it.
 * Tests reach it through {@link #api()}.
 */
public class FakeSlackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakeSlackApi api;

    public static FakeSlackApi api() {
        return api;
    }

    @Override
    public Map<String, String> start() {
        try {
            if (api == null) {
                api = new FakeSlackApi();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("ticketsmith.slack.api-url", api.apiUrl());
    }

    @Override
    public void stop() {
        // the fake lives for the whole JVM: several test classes share it across app restarts
    }
}
