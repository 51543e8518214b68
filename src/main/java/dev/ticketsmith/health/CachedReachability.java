package dev.ticketsmith.health;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The last known reachability of one outside system. Reading it never waits: when the last check
 * is older than {@code every} (or there is none), one new check starts in the background and the
 * reader gets what is known now. So however often probes come, the system is checked at most once
 * per {@code every} per replica, and a slow or dead system never slows a probe.
 */
public final class CachedReachability {

    private static final Logger LOG = Logger.getLogger(CachedReachability.class);

    private final String name;
    private final Supplier<Reachability> check;
    private final Duration every;
    private final Executor executor;
    private final Clock clock;
    private final AtomicReference<Reachability> last = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();

    public CachedReachability(String name, Supplier<Reachability> check, Duration every, Executor executor, Clock clock) {
        this.name = name;
        this.check = check;
        this.every = every;
        this.executor = executor;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /** What is known now (null before the first check ends); starts a background check when that is stale. */
    public Reachability current() {
        Reachability known = last.get();
        if ((known == null || Duration.between(known.checkedAt(), clock.instant()).compareTo(every) >= 0)
                && checking.compareAndSet(false, true)) {
            try {
                executor.execute(this::runCheck);
            } catch (RuntimeException e) {
                checking.set(false);
                LOG.debugf("Could not start the %s reachability check: %s", name, e.toString());
            }
        }
        return known;
    }

    /** Checks now, on the calling thread, and keeps the result (tests, and the first check at start-up). */
    public Reachability refreshNow() {
        Reachability r;
        try {
            r = check.get();
        } catch (RuntimeException e) {
            r = Reachability.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant());
        }
        Reachability previous = last.getAndSet(r);
        if (previous != null && previous.reachable() != r.reachable()) {
            LOG.infof("%s is %s: %s", name, r.reachable() ? "reachable again" : "unreachable", r.detail());
        }
        return r;
    }

    private void runCheck() {
        try {
            refreshNow();
        } finally {
            checking.set(false);
        }
    }

    /** How long ago the known result was checked, in whole seconds. */
    public long ageSeconds(Reachability r) {
        Instant now = clock.instant();
        return Math.max(0, Duration.between(r.checkedAt(), now).toSeconds());
    }
}
