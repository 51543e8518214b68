package dev.ticketsmith.audit;

import dev.ticketsmith.crypto.Sha256;

/**
 * The hashes that make the audit trail tamper-evident. Content is encoded field by field with a
 * length prefix, so no two different records share an encoding; the record hash binds the content
 * hash to the previous record's hash.
 */
public final class AuditHashing {

    /** The previous-hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    /** SHA-256 of everything the record says, sequence number and time included. */
    public static String contentHash(AuditRecord r) {
        StringBuilder b = new StringBuilder(256);
        field(b, Long.toString(r.seq));
        field(b, r.recordedAt.toString());
        field(b, r.actorId);
        field(b, r.actorName);
        field(b, r.teamId);
        field(b, r.channelId);
        field(b, r.commandText);
        field(b, r.action);
        field(b, r.target);
        field(b, r.environment);
        field(b, r.decision);
        field(b, r.detail);
        field(b, r.operationId);
        return Sha256.hex(b.toString());
    }

    /** SHA-256 linking a record's content hash to the hash of the record before it. */
    public static String recordHash(String contentHash, String previousHash) {
        return Sha256.hex(contentHash + ":" + previousHash);
    }

    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append("-;");
        } else {
            b.append(value.length()).append(':').append(value).append(';');
        }
    }
}
