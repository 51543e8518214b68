package dev.ticketsmith.slack;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/**
 * A message for the person who typed a command or clicked a button: the fallback text, its blocks,
 * and whether it is shown to everyone in the channel (ephemeral by default).
 */
public record SlackReply(String text, List<LayoutBlock> blocks, boolean inChannel, boolean replaceOriginal) {

    /** An ephemeral reply. */
    public static SlackReply ephemeral(String text, List<LayoutBlock> blocks) {
        return new SlackReply(text, blocks, false, false);
    }

    /** A reply everyone in the channel sees, of plain mrkdwn text. */
    public static SlackReply inChannel(String text) {
        return new SlackReply(text, List.of(Blocks.section(text)), true, false);
    }

    /** An ephemeral reply of plain mrkdwn text. */
    public static SlackReply ephemeral(String text) {
        return ephemeral(text, List.of(Blocks.section(text)));
    }
}
