package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Top-level settings: the catalogue file ({@code TICKETSMITH_CATALOG}). The HTTP API's clients and
 * their tokens are declared in the catalogue ({@code apiClients}).
 */
@ConfigMapping(prefix = "ticketsmith")
public interface TicketsmithSettings {

    /** Path of the catalogue YAML. Required in production. */
    Optional<String> catalog();
}
