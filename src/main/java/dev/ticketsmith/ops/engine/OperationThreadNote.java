package dev.ticketsmith.ops.engine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One line for the thread of an operation's live Slack message, waiting in an outbox until it is
 * posted ({@code posted_at} set). Written by {@link OperationJournal} in the transaction of the
 * change it describes; posted by {@code dev.ticketsmith.slack.live.ThreadNotes}.
 */
@Entity
@Table(name = "operation_thread_note")
public class OperationThreadNote extends PanacheEntityBase {

    /** The size of the {@code text} column. */
    public static final int MAX_TEXT = 3000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "operation_id", nullable = false)
    public UUID operationId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(nullable = false, length = MAX_TEXT)
    public String text;

    @Column(name = "posted_at")
    public Instant postedAt;

    /** Adds a pending note to the outbox, in the caller's transaction. */
    static void add(UUID operationId, String text, Instant at) {
        OperationThreadNote note = new OperationThreadNote();
        note.operationId = operationId;
        note.recordedAt = at;
        note.text = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        note.persist();
    }
}
