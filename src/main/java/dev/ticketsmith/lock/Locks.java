package dev.ticketsmith.lock;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.FreezeSpec;
import dev.ticketsmith.config.SweepSettings;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Locks and change freezes: what blocks a promotion or a scaling override of a service in an
 * environment now (a lock on the service, a lock on the environment, or an open freeze of the
 * environment), setting and lifting locks, and their expiry, exactly once across replicas, with an
 * announcement and an audit record. A rollback never asks.
 */
@ApplicationScoped
public class Locks {

    private final Catalog catalog;
    private final EntityManager em;
    private final AuditTrail audit;
    private final ChannelAnnouncements announcements;
    private final Clock clock;

    Locks(Catalog catalog, EntityManager em, AuditTrail audit, ChannelAnnouncements announcements, Clock clock, SweepSettings sweeps) {
        org.jboss.logging.Logger.getLogger(Locks.class).debugf("Lock expiry sweep every %s, scaling sweep every %s",
                sweeps.locksEvery(), sweeps.scalingEvery());
        this.catalog = catalog;
        this.em = em;
        this.audit = audit;
        this.announcements = announcements;
        this.clock = clock;
    }

    /** What blocks changes of {@code service} in {@code environment} at {@code now}, if anything. */
    @Transactional
    public Optional<Blocker> blocking(String service, String environment, Instant now) {
        for (String target : List.of(service, environment)) {
            Optional<ChangeLock> lock = active(target);
            if (lock.isPresent() && (lock.get().expiresAt == null || lock.get().expiresAt.isAfter(now))) {
                return Optional.of(new Blocker(describe(lock.get())));
            }
        }
        for (FreezeSpec freeze : catalog.environment(environment).map(e -> e.freezes()).orElse(List.of())) {
            FreezeWindow window = FreezeWindow.of(freeze);
            Optional<FreezeWindow.Opening> open = window.openAt(now);
            if (open.isPresent()) {
                return Optional.of(new Blocker(environment + " is in its change freeze " + window.describe() + " until "
                        + Blocks.date(open.get().end())));
            }
        }
        return Optional.empty();
    }

    /** The active lock on a service or environment name, if any. */
    @Transactional
    public Optional<ChangeLock> active(String target) {
        return ChangeLock.<ChangeLock>find("target = ?1 AND endedAt IS NULL", target).firstResultOptional();
    }

    /** The next freeze of an environment to open after {@code now}, if it has any. */
    public Optional<String> nextFreeze(String environment, Instant now) {
        return catalog.environment(environment).map(e -> e.freezes()).orElse(List.of()).stream()
                .map(FreezeWindow::of)
                .flatMap(w -> w.next(now).map(o -> new Object[] {w, o}).stream())
                .min((a, b) -> ((FreezeWindow.Opening) a[1]).start().compareTo(((FreezeWindow.Opening) b[1]).start()))
                .map(pair -> ((FreezeWindow) pair[0]).describe() + ", next from " + Blocks.date(((FreezeWindow.Opening) pair[1]).start())
                        + " to " + Blocks.date(((FreezeWindow.Opening) pair[1]).end()));
    }

    /** Locks a target, in the caller's transaction; empty when it was already locked (the lock in the way is returned instead). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LockResult lock(String target, String kind, String reason, String actorId, String actorName, String channel, Instant expiresAt) {
        Optional<ChangeLock> held = active(target);
        if (held.isPresent()) {
            return new LockResult(held.get(), false);
        }
        ChangeLock lock = new ChangeLock();
        lock.target = target;
        lock.targetKind = kind;
        lock.reason = reason;
        lock.actorId = actorId;
        lock.actorName = actorName;
        lock.channel = channel;
        lock.createdAt = clock.instant();
        lock.expiresAt = expiresAt;
        lock.persist();
        em.flush(); // the partial unique index refuses a second active lock here, not at commit
        return new LockResult(lock, true);
    }

    /** A lock that was made, or the one that was already there. */
    public record LockResult(ChangeLock lock, boolean created) {
    }

    /** Lifts the active lock on a target, in the caller's transaction; empty when there was none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChangeLock> unlock(String target, String actorId) {
        Optional<ChangeLock> held = em.createQuery("FROM ChangeLock WHERE target = :t AND endedAt IS NULL", ChangeLock.class)
                .setParameter("t", target).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        held.ifPresent(lock -> {
            lock.endedAt = clock.instant();
            lock.endedBy = actorId;
            lock.endReason = "unlocked";
        });
        return held;
    }

    @Scheduled(every = "${ticketsmith.sweeps.locks-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void scheduledExpiry() {
        expire();
    }

    /** Ends locks whose time is up, each once whichever replica gets to it, with a record and an announcement. */
    @Transactional
    public int expire() {
        @SuppressWarnings("unchecked")
        List<ChangeLock> due = em.createNativeQuery("SELECT * FROM change_lock WHERE ended_at IS NULL AND expires_at <= now()"
                + " ORDER BY expires_at LIMIT 50 FOR UPDATE SKIP LOCKED", ChangeLock.class).getResultList();
        for (ChangeLock lock : due) {
            lock.endedAt = clock.instant();
            lock.endedBy = "system:expiry";
            lock.endReason = "expired";
            audit.record(AuditEntry.by("system:expiry", null).target(lock.target, null)
                    .decided("unlock", AuditDecision.STATE_CHANGE, "lock " + lock.id + " expired (" + lock.reason + ")"));
            if (lock.channel != null) {
                announcements.announce(lock.channel, ":unlock: The lock on `" + lock.target + "` set by " + Blocks.person(lock.actorId)
                        + " (" + lock.reason + ") has expired: promotions and scaling are allowed again.");
            }
        }
        return due.size();
    }

    static String describe(ChangeLock lock) {
        return "`" + lock.target + "` is locked by " + Blocks.person(lock.actorId) + " since " + Blocks.date(lock.createdAt) + ": " + lock.reason
                + (lock.expiresAt == null ? " (until someone unlocks it)" : " (until " + Blocks.date(lock.expiresAt) + ")");
    }
}
