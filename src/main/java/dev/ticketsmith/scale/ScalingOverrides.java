package dev.ticketsmith.scale;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import dev.ticketsmith.db.SchemaNotReady;
import dev.ticketsmith.kube.CanaryWorkloads;
import dev.ticketsmith.kube.HpaBounds;
import dev.ticketsmith.slack.Blocks;
import dev.ticketsmith.slack.live.ChannelAnnouncements;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Scaling overrides from record to cluster and back: an active override's bounds are applied by
 * whichever replica gets to it (the command's follow-up, or this sweep after a crash), and an
 * override whose time is up, or that is reset, ends exactly once: its hold on the HPA goes
 * ({@link HpaBounds} gives back the HPA's own bounds, or keeps a promotion's floor), or the
 * Deployment gets its replicas back, unless a person changed them meanwhile, which is reported in
 * the channel instead. Every end is recorded and announced.
 */
@ApplicationScoped
public class ScalingOverrides {

    private static final Logger LOG = Logger.getLogger(ScalingOverrides.class);

    private final EntityManager em;
    private final HpaBounds bounds;
    private final CanaryWorkloads workloads;
    private final AuditTrail audit;
    private final ChannelAnnouncements announcements;
    private final Clock clock;

    ScalingOverrides(EntityManager em, HpaBounds bounds, CanaryWorkloads workloads, AuditTrail audit, ChannelAnnouncements announcements,
                     Clock clock) {
        this.em = em;
        this.bounds = bounds;
        this.workloads = workloads;
        this.audit = audit;
        this.announcements = announcements;
        this.clock = clock;
    }

    /** The override of a service in an environment in force, or else the one waiting for its approval. */
    @Transactional
    public Optional<ScalingOverride> current(String service, String environment) {
        List<ScalingOverride> open = all(service, environment);
        return open.stream().filter(o -> o.state.equals(ScalingOverride.ACTIVE)).findFirst().or(() -> open.stream().findFirst());
    }

    /** Every override of a service in an environment that is not over (at most one active and one waiting). */
    @Transactional
    public List<ScalingOverride> all(String service, String environment) {
        return ScalingOverride.list("service = ?1 AND environment = ?2 AND state <> ?3", service, environment, ScalingOverride.ENDED);
    }

    /**
     * Applies an active override's bounds, in a transaction of its own under the override's row lock
     * (skipped when another replica holds it). Without an HPA, the Deployment's replicas are
     * recorded first (committed), then set. True once applied.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean apply(long id) {
        ScalingOverride o = lockedOrNull(id);
        if (o == null || !ScalingOverride.ACTIVE.equals(o.state)) {
            return false;
        }
        if (o.hpa != null) {
            if (bounds.hold(o.namespace, o.hpa, o.holder(), HpaBounds.Kind.OVERRIDE, o.minReplicas, o.maxReplicas).isEmpty()) {
                throw new IllegalStateException("HPA `" + o.hpa + "` does not exist in namespace `" + o.namespace + "`");
            }
            bounds.releaseOrphans(); // the override this one replaced lets go now, not before
        } else if (o.previousReplicas == null) {
            o.previousReplicas = workloads.replicas(o.namespace, o.deployment).orElseThrow(() -> new IllegalStateException(
                    "Deployment `" + o.deployment + "` does not exist in namespace `" + o.namespace + "`"));
            return false; // recorded now, written on the next call: a crash between them cannot lose what to give back
        } else {
            workloads.scale(o.namespace, o.deployment, o.minReplicas);
        }
        o.appliedAt = clock.instant();
        return true;
    }

    /** Applies it now, as far as a first call gets (a Deployment's replicas need two); true once applied. */
    public boolean applyNow(long id) {
        return apply(id) || apply(id);
    }

    /**
     * Ends an override in the caller's transaction: its hold goes, or the Deployment gets its
     * replicas back; returns what became of the bounds, for people.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String end(ScalingOverride o, String why, Instant at) {
        o.state = ScalingOverride.ENDED;
        o.endedAt = at;
        o.endReason = why;
        if (o.hpa != null) { // releasing a hold that was never taken changes nothing
            return bounds.release(o.namespace, o.hpa, o.holder()).map(outcome -> outcome.drift()
                    .orElse("HPA `" + o.hpa + "` back to " + outcome.min() + "–" + outcome.max() + " replicas"
                            + (bounds.holders(o.namespace, o.hpa).isEmpty() ? "" : " (a promotion still holds its floor)")))
                    .orElse("HPA `" + o.hpa + "` is gone");
        }
        if (o.previousReplicas == null || o.appliedAt == null) {
            return "it was never applied";
        }
        int now = workloads.replicas(o.namespace, o.deployment).orElse(-1);
        if (now != o.minReplicas) {
            return "a person changed Deployment `" + o.deployment + "` to " + now + " replicas meanwhile, so it is left as they set it";
        }
        workloads.scale(o.namespace, o.deployment, o.previousReplicas);
        return "Deployment `" + o.deployment + "` back to " + o.previousReplicas + " replicas";
    }

    /** Ends overrides whose time is up, and approvals never given, each once, with a record and an announcement. */
    @Scheduled(every = "${ticketsmith.sweeps.scaling-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaNotReady.class)
    void sweep() {
        for (int i = 0; i < 50 && expireOne(); i++) {
            // one transaction per override
        }
        try {
            bounds.releaseOrphans();
        } catch (RuntimeException e) {
            LOG.warnf("Releasing holds of ended operations failed: %s", e.getMessage());
        }
        for (Long id : unapplied()) {
            try {
                applyNow(id);
            } catch (RuntimeException e) {
                LOG.warnf("Scaling override %d could not be applied yet: %s", id, e.getMessage());
            }
        }
    }

    /** Ends the most overdue override, if any is due; false when none is. */
    @Transactional
    public boolean expireOne() {
        @SuppressWarnings("unchecked")
        List<ScalingOverride> due = em.createNativeQuery("SELECT * FROM scaling_override WHERE (state = 'ACTIVE' AND expires_at <= now())"
                + " OR (state = 'AWAITING_APPROVAL' AND expires_at <= now()) ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                ScalingOverride.class).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        ScalingOverride o = due.get(0);
        boolean approvalLapsed = ScalingOverride.AWAITING_APPROVAL.equals(o.state);
        String why = approvalLapsed ? "no approver approved it in time" : "expired";
        String outcome = end(o, why, clock.instant());
        audit.record(AuditEntry.by("system:expiry", null).target(o.service, o.environment)
                .decided("scale", AuditDecision.STATE_CHANGE, "override " + o.id + " " + why + ": " + outcome));
        announcements.announce(o.channel, (approvalLapsed ? ":hourglass: The scaling override of `" : ":arrow_down_small: The scaling override of `")
                + o.service + "` in " + o.environment + " (" + o.minReplicas + "–" + o.maxReplicas + ", by " + Blocks.person(o.actorId) + ") "
                + (approvalLapsed ? "was not approved in time and is dropped." : "has expired: " + outcome + "."));
        return true;
    }

    @Transactional
    List<Long> unapplied() {
        return ScalingOverride.<ScalingOverride>list("state = ?1 AND appliedAt IS NULL", ScalingOverride.ACTIVE).stream().map(o -> o.id).toList();
    }

    private ScalingOverride lockedOrNull(long id) {
        @SuppressWarnings("unchecked")
        List<ScalingOverride> rows = em.createNativeQuery("SELECT * FROM scaling_override WHERE id = ?1 FOR UPDATE SKIP LOCKED",
                ScalingOverride.class).setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The override, locked for a change (waiting for whoever holds it) and read afresh; null when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScalingOverride locked(long id) {
        ScalingOverride o = em.find(ScalingOverride.class, id);
        if (o != null) {
            em.refresh(o, LockModeType.PESSIMISTIC_WRITE);
        }
        return o;
    }
}
