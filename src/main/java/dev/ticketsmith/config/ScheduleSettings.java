package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys under {@code ticketsmith.schedules}: how the catalogue's crons (backups, restore tests) and the DR check are read. */
@ConfigMapping(prefix = "ticketsmith.schedules")
public interface ScheduleSettings {

    /** The time zone cron expressions are read in ({@code TICKETSMITH_SCHEDULES_TIME_ZONE}), such as {@code Europe/Berlin}. */
    @WithDefault("UTC")
    String timeZone();

    /** Whether this replica runs the catalogue's crons at all ({@code TICKETSMITH_SCHEDULES_ENABLED}); tests fire them by hand. */
    @WithDefault("true")
    boolean enabled();
}
