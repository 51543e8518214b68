package dev.ticketsmith.kube;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The one owner of a stable HPA's bounds while anything holds them: a scaling override (its
 * {@code min} and {@code max}) or a promotion (a floor, or for routing by replica ratio an exact
 * size). The HPA gets the highest floor in force over its own bounds ({@code hpa_owner.base_*},
 * recorded when the first hold is taken); when the last hold goes, it gets its own bounds back,
 * unless a person changed it meanwhile: then it is left as that person set it, and the caller is
 * told. Holds are rows ({@code hpa_hold}) in the caller's transaction, serialised per HPA by an
 * advisory lock, so replicas and restarts see one state; writes are desired-state diffs.
 */
@ApplicationScoped
public class HpaBounds {

    /** What the bounds came to after a change. */
    public record Outcome(int min, int max, boolean written, Optional<String> drift) {
    }

    /** An override sets both bounds; a promotion sets a floor (or, routing by replica ratio, an exact size). */
    public enum Kind { OVERRIDE, PROMOTION }

    private record Bounds(int min, int max) {
    }

    private final EntityManager em;
    private final Clusters clusters;

    HpaBounds(EntityManager em, Clusters clusters) {
        this.em = em;
        this.clusters = clusters;
    }

    /** Takes or changes {@code holder}'s hold ({@code max} may be null: a floor only); empty when there is no such HPA. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> hold(String namespace, String hpa, String holder, Kind kind, int min, Integer max) {
        lock(namespace, hpa);
        HorizontalPodAutoscaler current = get(namespace, hpa);
        if (current == null) {
            return Optional.empty();
        }
        Bounds now = bounds(current);
        Optional<Object[]> owner = owner(namespace, hpa);
        if (owner.isEmpty()) {
            em.createNativeQuery("INSERT INTO hpa_owner (namespace, hpa, base_min, base_max) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, namespace).setParameter(2, hpa).setParameter(3, now.min()).setParameter(4, now.max()).executeUpdate();
        } else if (drifted(owner.get(), now)) {
            rebase(namespace, hpa, owner.get(), now); // a person changed it while it was held: what they changed is the new base
        }
        em.createNativeQuery("INSERT INTO hpa_hold (namespace, hpa, holder, kind, min_replicas, max_replicas) VALUES (?1, ?2, ?3, ?6, ?4, ?5)"
                        + " ON CONFLICT (namespace, hpa, holder) DO UPDATE SET min_replicas = ?4, max_replicas = ?5")
                .setParameter(1, namespace).setParameter(2, hpa).setParameter(3, holder).setParameter(4, min).setParameter(5, max)
                .setParameter(6, kind.name().toLowerCase()).executeUpdate();
        return Optional.of(apply(namespace, hpa, current));
    }

    /**
     * Lets go of {@code holder}'s hold: the others still in force decide, and with none left the HPA
     * gets its own bounds back, unless a person changed it meanwhile ({@link Outcome#drift()}).
     * Empty when the HPA is gone or nothing was held.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> release(String namespace, String hpa, String holder) {
        lock(namespace, hpa);
        em.createNativeQuery("DELETE FROM hpa_hold WHERE namespace = ?1 AND hpa = ?2 AND holder = ?3")
                .setParameter(1, namespace).setParameter(2, hpa).setParameter(3, holder).executeUpdate();
        Optional<Object[]> owner = owner(namespace, hpa);
        HorizontalPodAutoscaler current = get(namespace, hpa);
        if (owner.isEmpty() || current == null) {
            return Optional.empty();
        }
        Bounds now = bounds(current);
        if (drifted(owner.get(), now)) {
            if (holds(namespace, hpa).isEmpty()) {
                forget(namespace, hpa);
            } else {
                rebase(namespace, hpa, owner.get(), now);
            }
            return Optional.of(new Outcome(now.min(), now.max(), false, Optional.of("a person changed the HPA to " + now.min() + "–"
                    + now.max() + " (TICKETSMITH had set " + owner.get()[2] + "–" + owner.get()[3] + "), so it is left as they set it")));
        }
        if (holds(namespace, hpa).isEmpty()) {
            Bounds base = new Bounds(((Number) owner.get()[0]).intValue(), ((Number) owner.get()[1]).intValue());
            boolean written = write(namespace, hpa, current, base);
            forget(namespace, hpa);
            return Optional.of(new Outcome(base.min(), base.max(), written, Optional.empty()));
        }
        return Optional.of(apply(namespace, hpa, current));
    }

    /** The holders of an HPA's bounds now, such as {@code override:12} or {@code promote:<operation>}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> holders(String namespace, String hpa) {
        return holds(namespace, hpa).stream().map(row -> (String) row[0]).toList();
    }

    /**
     * The bounds in force: an override's own bounds (the newest override) or else the HPA's; raised
     * to the highest promotion floor; a promotion's exact size (routing by replica ratio) as max.
     */
    private Outcome apply(String namespace, String hpa, HorizontalPodAutoscaler current) {
        Object[] owner = owner(namespace, hpa).orElseThrow();
        int min = ((Number) owner[0]).intValue();
        int max = ((Number) owner[1]).intValue();
        int floor = 0;
        Integer exact = null;
        for (Object[] hold : holds(namespace, hpa)) { // oldest first: the newest of each kind decides
            int holdMin = ((Number) hold[1]).intValue();
            if ("override".equals(hold[3])) {
                min = holdMin;
                max = hold[2] == null ? max : ((Number) hold[2]).intValue();
            } else {
                floor = Math.max(floor, holdMin);
                exact = hold[2] == null ? exact : Integer.valueOf(((Number) hold[2]).intValue());
            }
        }
        min = Math.max(min, floor);
        Bounds desired = new Bounds(min, Math.max(min, exact != null ? exact : max));
        boolean written = write(namespace, hpa, current, desired);
        em.createNativeQuery("UPDATE hpa_owner SET written_min = ?3, written_max = ?4 WHERE namespace = ?1 AND hpa = ?2")
                .setParameter(1, namespace).setParameter(2, hpa).setParameter(3, desired.min()).setParameter(4, desired.max()).executeUpdate();
        return new Outcome(desired.min(), desired.max(), written, Optional.empty());
    }

    private boolean write(String namespace, String hpa, HorizontalPodAutoscaler current, Bounds wanted) {
        if (bounds(current).equals(wanted)) {
            return false;
        }
        clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(hpa).edit(h -> new HorizontalPodAutoscalerBuilder(h)
                .editSpec().withMinReplicas(wanted.min()).withMaxReplicas(wanted.max()).endSpec().build());
        return true;
    }

    /** Whether the HPA no longer has what TICKETSMITH last wrote to it. */
    private static boolean drifted(Object[] owner, Bounds now) {
        return owner[2] != null && (((Number) owner[2]).intValue() != now.min() || ((Number) owner[3]).intValue() != now.max());
    }

    /** Takes into the base what a person changed (a bound that differs from what was written), and only that. */
    private void rebase(String namespace, String hpa, Object[] owner, Bounds live) {
        int min = ((Number) owner[2]).intValue() != live.min() ? live.min() : ((Number) owner[0]).intValue();
        int max = ((Number) owner[3]).intValue() != live.max() ? live.max() : ((Number) owner[1]).intValue();
        em.createNativeQuery("UPDATE hpa_owner SET base_min = ?3, base_max = ?4, written_min = NULL, written_max = NULL"
                        + " WHERE namespace = ?1 AND hpa = ?2")
                .setParameter(1, namespace).setParameter(2, hpa).setParameter(3, min).setParameter(4, max).executeUpdate();
    }

    /**
     * Releases holds whose holder is over (an operation that ended without giving its hold back, an
     * override that ended): their HPAs get the bounds still in force. Returns how many went.
     */
    @Transactional
    public int releaseOrphans() {
        @SuppressWarnings("unchecked")
        List<Object[]> orphans = em.createNativeQuery("SELECT namespace, hpa, holder FROM hpa_hold h WHERE"
                + " (holder LIKE 'promote:%' AND NOT EXISTS (SELECT 1 FROM operation o WHERE 'promote:' || o.id = h.holder"
                + " AND o.phase IN ('PENDING', 'AWAITING_APPROVAL', 'RUNNING', 'PAUSED')))"
                + " OR (holder LIKE 'override:%' AND NOT EXISTS (SELECT 1 FROM scaling_override s WHERE 'override:' || s.id = h.holder"
                + " AND s.state <> 'ENDED')) LIMIT 20").getResultList();
        for (Object[] orphan : orphans) {
            release((String) orphan[0], (String) orphan[1], (String) orphan[2]);
        }
        return orphans.size();
    }

    private void forget(String namespace, String hpa) {
        em.createNativeQuery("DELETE FROM hpa_owner WHERE namespace = ?1 AND hpa = ?2").setParameter(1, namespace).setParameter(2, hpa)
                .executeUpdate();
    }

    private void lock(String namespace, String hpa) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(hashtext(?1)) AS text)").setParameter(1, "hpa:" + namespace + "/" + hpa)
                .getSingleResult();
    }

    /** base_min, base_max, written_min, written_max. */
    private Optional<Object[]> owner(String namespace, String hpa) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT base_min, base_max, written_min, written_max FROM hpa_owner"
                + " WHERE namespace = ?1 AND hpa = ?2").setParameter(1, namespace).setParameter(2, hpa).getResultList();
        return rows.stream().findFirst();
    }

    /** holder, min, max (nullable), kind, oldest first. */
    private List<Object[]> holds(String namespace, String hpa) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT holder, min_replicas, max_replicas, kind FROM hpa_hold WHERE namespace = ?1 AND hpa = ?2"
                + " ORDER BY created_at, holder").setParameter(1, namespace).setParameter(2, hpa).getResultList();
        return rows;
    }

    private HorizontalPodAutoscaler get(String namespace, String hpa) {
        return clusters.client(namespace).autoscaling().v2().horizontalPodAutoscalers().inNamespace(Clusters.local(namespace)).withName(hpa).get();
    }

    private static Bounds bounds(HorizontalPodAutoscaler h) {
        return new Bounds(h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas(), h.getSpec().getMaxReplicas());
    }
}
