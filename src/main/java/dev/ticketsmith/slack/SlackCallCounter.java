package dev.ticketsmith.slack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts Slack Web API attempts by method and outcome ({@code ticketsmith_slack_api_calls_total}). */
final class SlackCallCounter {

    private final MeterRegistry registry;

    SlackCallCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String method, HttpOutcome outcome) {
        Counter.builder("ticketsmith.slack.api.calls")
                .description("Slack Web API attempts by method and outcome")
                .tag("method", method)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }
}
