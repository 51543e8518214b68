package dev.ticketsmith.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Walks the audit trail from the first record and reports the first broken link: a gap in the
 * sequence (a deleted record), content that no longer matches its hash (an edited record), or a
 * previous-hash that does not match the record before (a re-chained or inserted record).
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int BATCH = 1000;

    private final AuditTrail trail;

    ChainVerifier(AuditTrail trail) {
        this.trail = trail;
    }

    /** Verifies the whole chain. Reads in batches, so memory stays flat on long trails. */
    public ChainVerification verify() {
        long expectedSeq = 1;
        String previousHash = AuditHashing.GENESIS;
        long checked = 0;
        List<AuditRecord> batch = trail.batchAfter(0, BATCH);
        while (!batch.isEmpty()) {
            for (AuditRecord r : batch) {
                checked++;
                String problem = problemWith(r, expectedSeq, previousHash);
                if (problem != null) {
                    return ChainVerification.broken(checked, r.seq, problem);
                }
                expectedSeq = r.seq + 1;
                previousHash = r.recordHash;
            }
            batch = trail.batchAfter(expectedSeq - 1, BATCH);
        }
        return ChainVerification.ok(checked);
    }

    static String problemWith(AuditRecord r, long expectedSeq, String previousHash) {
        if (r.seq != expectedSeq) {
            return "record " + expectedSeq + (r.seq > expectedSeq + 1 ? " to " + (r.seq - 1) : "")
                    + " missing: the sequence jumps to " + r.seq;
        }
        if (!r.previousHash.equals(previousHash)) {
            return "previous-hash does not match the hash of record " + (r.seq - 1);
        }
        if (!AuditHashing.contentHash(r).equals(r.contentHash)) {
            return "content does not match its hash: the record was changed after it was written";
        }
        if (!AuditHashing.recordHash(r.contentHash, r.previousHash).equals(r.recordHash)) {
            return "record hash does not match its content and previous hash";
        }
        return null;
    }
}
