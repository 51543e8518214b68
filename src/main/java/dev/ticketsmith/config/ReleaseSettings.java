package dev.ticketsmith.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How releases tear their canary down. Keys under {@code ticketsmith.release}. */
@ConfigMapping(prefix = "ticketsmith.release")
public interface ReleaseSettings {

    /**
     * How long after the canary is taken out of the router its Service is deleted: time for the
     * load balancer controller to see the route without it before the Service goes.
     */
    @WithDefault("10s")
    Duration detachGrace();

    /**
     * How long the stable Service keeps its release selector after the canary Deployment is
     * deleted, waiting for the canary's pods to be gone, before its own selector comes back anyway.
     */
    @WithDefault("2m")
    Duration canaryPodsGoneTimeout();
}
