package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Writes what happens to an operation: a condition on the operation itself, a record in the audit
 * trail and, for recorded changes, a line for the thread of its live Slack message (an outbox row
 * that {@code ThreadNotes} posts later), all in the caller's transaction, so a state change and
 * its record and note commit together or not at all.
 */
@ApplicationScoped
public class OperationJournal {

    /** Who the engine's own records are attributed to. */
    public static final String ENGINE = "system:engine";
    private static final int MAX_CONDITIONS = 50;

    private final AuditTrail audit;

    OperationJournal(AuditTrail audit) {
        this.audit = audit;
    }

    /** Notes a condition on the operation (the newest explains its phase). */
    public void note(Operation op, String type, String reason, Instant at) {
        List<Condition> conditions = op.conditions;
        conditions.add(new Condition(type, reason, at));
        op.messageVersion++;
        if (conditions.size() > MAX_CONDITIONS) {
            conditions.subList(0, conditions.size() - MAX_CONDITIONS).clear();
        }
    }

    /**
     * Notes a person's decision on the operation and queues its thread line; the caller records it
     * in the audit trail with the context it has (the click's team and channel).
     */
    public void decided(Operation op, String actorId, AuditDecision decision, String type, String reason, Instant at) {
        note(op, type, reason, at);
        OperationThreadNote.add(op.id, ThreadNoteLine.of(decision, type, reason, actorId), at);
    }

    /**
     * Notes a condition, records it in the audit trail, attributed to {@code actorId}, and queues
     * its line for the live message's thread.
     */
    public void record(Operation op, String actorId, String actorName, AuditDecision decision, String type, String reason, Instant at) {
        note(op, type, reason, at);
        audit.record(AuditEntry.by(actorId, actorName).target(op.target, op.environment).operation(op.id.toString())
                .decided(op.kind + "." + type, decision, reason));
        OperationThreadNote.add(op.id, ThreadNoteLine.of(decision, type, reason, actorId), at);
    }
}
