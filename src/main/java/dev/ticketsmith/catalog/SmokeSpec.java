package dev.ticketsmith.catalog;

import java.time.Duration;

/**
 * The smoke test run against the canary before any traffic is shifted to it.
 *
 * @param url the URL to call, a template with placeholders such as {@code {canaryService}} (see
 *     {@link ServiceSpec#PLACEHOLDERS})
 * @param expectStatus the HTTP status that counts as a pass
 * @param attempts how many times to try before the smoke test fails
 * @param timeout how long each attempt may take
 */
public record SmokeSpec(
        @Default("http://{canaryService}.{namespace}.svc.cluster.local:{port}/healthz") String url,
        @Default("200") int expectStatus,
        @Default("3") int attempts,
        @Default("5s") Duration timeout) {
}
