package dev.ticketsmith.audit;

/**
 * The outcome of walking the audit chain.
 *
 * @param intact         true when every record checked out
 * @param recordsChecked how many records were read
 * @param firstBrokenSeq the sequence number of the first bad record, or null
 * @param problem        what is wrong with it, or null
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem) {

    static ChainVerification ok(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seq, problem);
    }
}
