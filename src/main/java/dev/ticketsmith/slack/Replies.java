package dev.ticketsmith.slack;

import java.util.List;

/** The standard ephemeral answers to a command that TICKETSMITH does not carry out. */
public final class Replies {

    private Replies() {
    }

    /** The command could not be understood: what was wrong, then the usage to type instead. */
    public static SlackReply invalid(String problem, String usage) {
        return SlackReply.ephemeral(":warning: " + problem,
                List.of(Blocks.section(":warning: " + problem), Blocks.context(usage)));
    }

    /** Policy refused: the reason says who may. Nothing was changed. */
    public static SlackReply refused(String reason) {
        String text = ":no_entry: " + reason + " Nothing was changed; the request is in the audit trail.";
        return SlackReply.ephemeral(text);
    }

    /** Understood and allowed, but this deployment does not run the capability. */
    public static SlackReply notEnabled(String verb, String summary) {
        String text = ":construction: `" + verb + "` is not enabled in this deployment, so nothing was changed. "
                + "I understood: " + summary + ". The request is recorded in the audit trail; "
                + "ask the people who run TICKETSMITH to enable `" + verb + "`.";
        return SlackReply.ephemeral(text);
    }
}
