package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How often every replica sweeps for what has come due: locks and scaling overrides whose time is
 * up. Keys under {@code ticketsmith.sweeps}; {@code off} disables a sweep (the tests sweep by hand).
 */
@ConfigMapping(prefix = "ticketsmith.sweeps")
public interface SweepSettings {

    /** Locks that expire are lifted and announced. */
    @WithDefault("5s")
    String locksEvery();

    /** Scaling overrides that expire are reverted and announced; unapplied ones are applied. */
    @WithDefault("2s")
    String scalingEvery();

    /** Pending jobs (dumps, restores, validation packs) are claimed and run. */
    @WithDefault("1s")
    String jobsEvery();

    /** Scratch copies that restore tests left behind are looked for and removed. */
    @WithDefault("15m")
    String scratchEvery();
}
