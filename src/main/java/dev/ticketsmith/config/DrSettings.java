package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys under {@code ticketsmith.dr}: the daily DR check. */
@ConfigMapping(prefix = "ticketsmith.dr")
public interface DrSettings {

    /** When the DR check runs, a Quarkus cron ({@code TICKETSMITH_DR_CHECK_CRON}); {@code off} turns it off. */
    @WithDefault("0 0 8 * * ?")
    String checkCron();
}
