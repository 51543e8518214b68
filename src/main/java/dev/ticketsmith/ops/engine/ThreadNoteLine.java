package dev.ticketsmith.ops.engine;

import dev.ticketsmith.audit.AuditDecision;
import dev.ticketsmith.slack.Blocks;

/**
 * The one line of Slack mrkdwn that a recorded change adds to the thread of its operation's live
 * message: an emoji for the kind of change, what happened, and who did it when a person did, e.g.
 * {@code :white_check_mark: step 3/9 canary.smoke done: …} or {@code :pause_button: paused at step 3 by <@U1>}.
 * The reason is escaped (it may quote an outside system); only the actor's mention, built here, is
 * live. A step's reason already says what happened ("rollback step 1/2 … done"), so it stands alone.
 */
final class ThreadNoteLine {

    /** Longest reason kept before escaping; the full text stays in the audit trail. */
    static final int MAX_REASON = 400;

    private ThreadNoteLine() {
    }

    /** The line for a record of {@code type} (e.g. {@code step}, {@code paused}) with its decision and reason. */
    static String of(AuditDecision decision, String type, String reason, String actorId) {
        String headline = type.replace('-', ' ');
        String by = OperationJournal.ENGINE.equals(actorId) ? "" : " by " + Blocks.person(actorId);
        String said = oneLine(reason == null ? "" : reason);
        if (!by.isEmpty() && said.endsWith(by)) {
            said = said.substring(0, said.length() - by.length()); // "aborted by <@U1>": the mention is added below
        }
        String body;
        if (said.isEmpty() || said.equals(headline) || said.equals(type)) {
            body = headline + by;
        } else if (type.equals("step") || said.startsWith(headline + " ") || said.startsWith(headline + ":")) {
            body = escape(said) + by;
        } else {
            body = headline + by + ": " + escape(said);
        }
        return emoji(decision, type) + " " + body;
    }

    private static String escape(String text) {
        return Blocks.escape(Blocks.clip(text, MAX_REASON));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static String emoji(AuditDecision decision, String type) {
        return switch (type) {
            case "requested" -> ":inbox_tray:";
            case "started", "resumed" -> ":arrow_forward:";
            case "step" -> ":white_check_mark:";
            case "rolling-back" -> ":rewind:";
            case "paused" -> ":pause_button:";
            case "promote-now" -> ":fast_forward:";
            case "succeeded" -> ":tada:";
            case "rolled-back" -> ":leftwards_arrow_with_hook:";
            default -> switch (decision) {
                case APPROVED -> ":+1:";
                case REJECTED -> ":-1:";
                case ABORTED -> ":octagonal_sign:";
                case FAILED, REFUSED, INVALID, UNVERIFIED -> ":x:";
                case SUCCEEDED -> ":tada:";
                case ROLLED_BACK -> ":leftwards_arrow_with_hook:";
                default -> ":information_source:";
            };
        };
    }
}
