package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditDecision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread line of each kind of recorded change: emoji, what happened, who, and nothing injected. */
class ThreadNoteLineTest {

    private static final String ENGINE = OperationJournal.ENGINE;

    @Test
    void stepsSayWhatTheyDid() {
        assertEquals(":white_check_mark: step 3/9 canary.smoke done: GET /healthz answered 200",
                ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "step", "step 3/9 canary.smoke done: GET /healthz answered 200", ENGINE));
        assertEquals(":white_check_mark: rollback step 1/2 canary.weight done: 0% to the canary",
                ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "step", "rollback step 1/2 canary.weight done: 0% to the canary", ENGINE));
        assertEquals(":arrow_forward: started", ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "started", "started", ENGINE));
    }

    @Test
    void failuresAndOutcomesHaveTheirOwnEmoji() {
        assertEquals(":rewind: rolling back: step 3/9 canary.smoke failed: 503",
                ThreadNoteLine.of(AuditDecision.FAILED, "rolling-back", "step 3/9 canary.smoke failed: 503", ENGINE));
        assertEquals(":x: failed: step 2/2 test.fail failed: boom",
                ThreadNoteLine.of(AuditDecision.FAILED, "failed", "step 2/2 test.fail failed: boom", ENGINE));
        assertEquals(":tada: succeeded: all 9 steps done",
                ThreadNoteLine.of(AuditDecision.SUCCEEDED, "succeeded", "all 9 steps done", ENGINE));
        assertEquals(":leftwards_arrow_with_hook: rolled back after: step 3/9 canary.smoke failed: 503",
                ThreadNoteLine.of(AuditDecision.ROLLED_BACK, "rolled-back", "rolled back after: step 3/9 canary.smoke failed: 503", ENGINE));
    }

    @Test
    void peopleAreMentionedByTheLineItself() {
        assertEquals(":pause_button: paused at step 3 by <@U0DEV1>",
                ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "paused", "paused at step 3", "U0DEV1"));
        assertEquals(":arrow_forward: resumed at step 3 by <@U0DEV1>",
                ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "resumed", "resumed at step 3", "U0DEV1"));
        assertEquals(":octagonal_sign: aborted by <@U0LEAD1>",
                ThreadNoteLine.of(AuditDecision.ABORTED, "aborted", "aborted by <@U0LEAD1>", "U0LEAD1"));
        assertEquals(":fast_forward: promote now by <@U0LEAD1>: remaining holds skipped",
                ThreadNoteLine.of(AuditDecision.STATE_CHANGE, "promote-now", "remaining holds skipped", "U0LEAD1"));
        assertEquals(":inbox_tray: requested by API client `ci`: 2 steps: test.set, test.set",
                ThreadNoteLine.of(AuditDecision.ACCEPTED, "requested", "2 steps: test.set, test.set", "api:ci"));
    }

    @Test
    void reasonsCannotInjectMentionsOrLinksAndStayOnOneShortLine() {
        String line = ThreadNoteLine.of(AuditDecision.FAILED, "rolling-back",
                "step 2/3 canary.smoke failed: <!channel> <@U0EVIL> <https://evil.test|click> & more\n" + "x".repeat(1000), ENGINE);
        assertTrue(line.startsWith(":rewind: rolling back: step 2/3 canary.smoke failed: &lt;!channel&gt; &lt;@U0EVIL&gt;"
                + " &lt;https://evil.test|click&gt; &amp; more x"), line);
        assertFalse(line.contains("<") || line.contains(">") || line.contains("\n"), line);
        assertTrue(line.length() < 500 && line.endsWith("…"), line.length() + " characters");
        assertEquals(":x: failed: aborted by &lt;@U0LEAD1&gt;",
                ThreadNoteLine.of(AuditDecision.FAILED, "failed", "aborted by <@U0LEAD1>", ENGINE), "only the actor's own mention is built");
    }
}
