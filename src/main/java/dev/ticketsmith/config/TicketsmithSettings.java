package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Top-level settings: the catalogue file ({@code TICKETSMITH_CATALOG}) and the bearer token of the
 * HTTP API ({@code TICKETSMITH_API_TOKEN}).
 */
@ConfigMapping(prefix = "ticketsmith")
public interface TicketsmithSettings {

    /** Path of the catalogue YAML. Required in production. */
    Optional<String> catalog();

    /** Bearer token for {@code /api/...}. Without it the API refuses every request. */
    Optional<String> apiToken();
}
