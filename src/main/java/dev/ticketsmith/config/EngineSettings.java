package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operation engine. Keys under {@code ticketsmith.engine}. */
@ConfigMapping(prefix = "ticketsmith.engine")
public interface EngineSettings {

    /**
     * How often every replica's reconcile tick runs (a Quarkus scheduler interval such as
     * {@code 1s}; {@code off} disables it, as the tests do to tick by hand).
     */
    @WithDefault("1s")
    String tickEvery();
}
