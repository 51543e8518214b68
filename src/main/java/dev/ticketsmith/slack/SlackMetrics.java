package dev.ticketsmith.slack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The metrics of Slack's requests to TICKETSMITH: how long each took to acknowledge
 * ({@code ticketsmith_slack_ack_seconds}, a histogram) and which were refused and why
 * ({@code ticketsmith_slack_requests_refused_total{reason}}). Every reason is registered at zero,
 * so that {@code rate()} and alerts see the series before the first refusal.
 */
@ApplicationScoped
public class SlackMetrics {

    /** Refused at the door, before Bolt: size, content type, the signature check's outcomes, an unplaceable payload. */
    static final List<String> DOOR_REASONS = List.of("body_too_large", "unsupported_content_type", "missing_headers",
            "malformed_timestamp", "stale_timestamp", "future_timestamp", "bad_signature", "unrecognised_payload");
    /** Refused after Bolt: a repeat of a delivery already handled, a command that does not parse or resolve, policy. */
    static final List<String> HANDLER_REASONS = List.of("duplicate", "invalid_command", "policy_refused");

    private final MeterRegistry registry;

    SlackMetrics(MeterRegistry registry) {
        this.registry = registry;
        DOOR_REASONS.forEach(this::refusalCounter);
        HANDLER_REASONS.forEach(this::refusalCounter);
    }

    /** One request refused, for {@code reason} (one of {@link #DOOR_REASONS} or {@link #HANDLER_REASONS}). */
    public void refused(String reason) {
        refusalCounter(reason).increment();
    }

    private Counter refusalCounter(String reason) {
        return Counter.builder("ticketsmith.slack.requests.refused")
                .description("Slack requests refused, by reason: at the door (signature, size, type) or by the handlers (repeat, invalid, policy)")
                .tag("reason", reason).register(registry);
    }

    /**
     * The time from receiving a request to its acknowledgement being ready to send.
     *
     * @param type   Bolt's request type ({@code command}, {@code block_action}, …) or {@code refused}
     * @param status the HTTP status of the acknowledgement
     */
    public void acked(String type, int status, long nanos) {
        Timer.builder("ticketsmith.slack.ack")
                .description("Time to acknowledge a Slack request (Slack gives up after 3 s)")
                .tag("type", type).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(Duration.ofNanos(nanos));
    }
}
