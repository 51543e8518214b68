package dev.ticketsmith.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * {@code restore_cutover}: the value each consumer's Secret key held before a restore's cut-over,
 * written (and committed) before any Secret is changed, so the cut-over can always be undone. Kept
 * apart from the operation's handles, which the API shows: a URL may carry a password.
 */
@ApplicationScoped
public class CutoverRecords {

    private final EntityManager em;

    CutoverRecords(EntityManager em) {
        this.em = em;
    }

    /** One replaced value. */
    public record Replaced(String namespace, String secret, String key, String previous) {
    }

    /** Records a key's value before the cut-over; the first record of a key wins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID operation, Replaced replaced) {
        em.createNativeQuery("INSERT INTO restore_cutover (operation_id, namespace, secret, key, previous) VALUES (?1, ?2, ?3, ?4, ?5)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, operation).setParameter(2, replaced.namespace()).setParameter(3, replaced.secret())
                .setParameter(4, replaced.key()).setParameter(5, replaced.previous()).executeUpdate();
    }

    /** What a restore's cut-over replaced. */
    @Transactional
    public List<Replaced> of(UUID operation) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT namespace, secret, key, previous FROM restore_cutover WHERE operation_id = ?1"
                        + " ORDER BY namespace, secret, key")
                .setParameter(1, operation).getResultList();
        return rows.stream().map(r -> new Replaced((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }
}
