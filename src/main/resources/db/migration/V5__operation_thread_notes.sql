-- An outbox of step details for the thread under each operation's live Slack message. The journal
-- adds a note in the same transaction as the state change it describes (so a crash neither loses
-- nor invents one); ThreadNotes, on any replica, claims an operation's pending notes with
-- FOR UPDATE SKIP LOCKED once its live message exists, posts them as one thread reply and sets
-- posted_at. Posted notes are purged after a week.
CREATE TABLE operation_thread_note (
    id            BIGSERIAL     PRIMARY KEY,
    operation_id  UUID          NOT NULL REFERENCES operation (id),
    recorded_at   TIMESTAMPTZ   NOT NULL,
    text          VARCHAR(3000) NOT NULL,
    posted_at     TIMESTAMPTZ
);

-- Pending notes, oldest first per operation.
CREATE INDEX operation_thread_note_pending ON operation_thread_note (operation_id, id) WHERE posted_at IS NULL;
CREATE INDEX operation_thread_note_posted ON operation_thread_note (posted_at) WHERE posted_at IS NOT NULL;
