package dev.ticketsmith.rds;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A {@link FakeAws} for a {@code @QuarkusTest}: the application's AWS clients (region, endpoint) point at it. */
public class FakeAwsResource implements QuarkusTestResourceLifecycleManager {

    private static FakeAws aws;

    static FakeAws aws() {
        return aws;
    }

    @Override
    public Map<String, String> start() {
        aws = new FakeAws();
        return Map.of("ticketsmith.aws.region", "us-east-1", "ticketsmith.aws.endpoint", "http://127.0.0.1:" + aws.server.port());
    }

    @Override
    public void stop() {
        aws.close();
    }
}
