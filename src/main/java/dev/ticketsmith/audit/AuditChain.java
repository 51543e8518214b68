package dev.ticketsmith.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds the next record of the chain from an entry and the record before it. */
final class AuditChain {

    /** Advisory lock key of the audit chain ("TKSMAUDT" as a number); every appender takes it. */
    static final long LOCK = 0x544B534D41554454L;

    private AuditChain() {
    }

    static AuditRecord next(AuditEntry entry, long previousSeq, String previousHash, Instant now) {
        AuditRecord r = new AuditRecord();
        r.seq = previousSeq + 1;
        r.recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        r.actorId = entry.actorId();
        r.actorName = entry.actorName();
        r.teamId = entry.teamId();
        r.channelId = entry.channelId();
        r.commandText = entry.commandText();
        r.action = entry.action();
        r.target = entry.target();
        r.environment = entry.environment();
        r.decision = entry.decision().name();
        r.detail = entry.detail();
        r.operationId = entry.operationId();
        r.previousHash = previousHash;
        r.contentHash = AuditHashing.contentHash(r);
        r.recordHash = AuditHashing.recordHash(r.contentHash, r.previousHash);
        return r;
    }
}
