package dev.ticketsmith.health;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache in front of Slack and Kubernetes checks: at most one check per interval, never on the reader's time. */
class CachedReachabilityTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    private Clock clock() {
        return new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void checksAtMostOncePerInterval() {
        AtomicInteger checks = new AtomicInteger();
        Clock clock = clock();
        CachedReachability slack = new CachedReachability("slack", () -> {
            checks.incrementAndGet();
            return Reachability.ok("team Fake", clock.instant());
        }, Duration.ofSeconds(30), Runnable::run, clock);

        assertTrue(slack.current() == null || slack.current().reachable()); // the first read starts the first check
        for (int i = 0; i < 20; i++) {
            slack.current();
        }
        assertEquals(1, checks.get());
        now = now.plusSeconds(29);
        slack.current();
        assertEquals(1, checks.get());
        assertEquals(29, slack.ageSeconds(slack.current()));
        now = now.plusSeconds(1);
        slack.current();
        assertEquals(2, checks.get());
    }

    @Test
    void aFailingCheckIsReportedNotThrown() {
        Clock clock = clock();
        CachedReachability slack = new CachedReachability("slack", () -> {
            throw new IllegalStateException("auth.test failed: HTTP 500");
        }, Duration.ofSeconds(30), Runnable::run, clock);
        Reachability r = slack.refreshNow();
        assertFalse(r.reachable());
        assertEquals("auth.test failed: HTTP 500", r.detail());
    }

    @Test
    void aReaderNeverWaitsForTheCheck() {
        Clock clock = clock();
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        CachedReachability slack = new CachedReachability("slack", () -> Reachability.ok("ok", clock.instant()),
                Duration.ofSeconds(30), queued::add, clock);
        assertNull(slack.current());
        assertNull(slack.current());
        assertEquals(1, queued.size(), "one check in flight, not one per read");
        queued.get(0).run();
        assertTrue(slack.current().reachable());
    }
}
