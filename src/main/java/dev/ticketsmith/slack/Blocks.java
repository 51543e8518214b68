package dev.ticketsmith.slack;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;

import java.util.List;

/** Small Block Kit builders that respect Slack's size limits. */
public final class Blocks {

    /** Slack's limit for the text of a section block. */
    public static final int SECTION_TEXT_LIMIT = 3000;
    private static final int HEADER_TEXT_LIMIT = 150;

    private Blocks() {
    }

    public static LayoutBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(clip(mrkdwn, SECTION_TEXT_LIMIT)).build()).build();
    }

    /** A section of fields, shown side by side in two columns (Slack shows at most 10, each up to 2,000 characters). */
    public static LayoutBlock fields(List<String> mrkdwn) {
        return SectionBlock.builder().fields(mrkdwn.stream().limit(10)
                .map(f -> (com.slack.api.model.block.composition.TextObject) MarkdownTextObject.builder().text(clip(f, 2000)).build())
                .toList()).build();
    }

    public static LayoutBlock header(String plain) {
        return HeaderBlock.builder().text(PlainTextObject.builder().text(clip(plain, HEADER_TEXT_LIMIT)).emoji(true).build()).build();
    }

    public static LayoutBlock context(String mrkdwn) {
        return ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(clip(mrkdwn, SECTION_TEXT_LIMIT)).build())).build();
    }

    public static LayoutBlock divider() {
        return DividerBlock.builder().build();
    }

    /** Cuts text to a limit, ending with an ellipsis when it was cut. */
    public static String clip(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit - 1) + "…";
    }

    /** A Slack user as a mention, or any other actor ({@code api:…}, {@code system:…}) as code. */
    public static String person(String actorId) {
        if (actorId != null && actorId.startsWith("api:")) {
            return "API client `" + escape(actorId.substring(4)) + "`";
        }
        return actorId != null && actorId.matches("[UW][A-Z0-9]+") ? "<@" + actorId + ">" : "`" + escape(String.valueOf(actorId)) + "`";
    }

    /** A time shown in each reader's own time zone, with the UTC instant as its fallback text. */
    public static String date(java.time.Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short} {time}|" + at + ">";
    }

    /** Escapes user-supplied text for mrkdwn so it cannot inject mentions or formatting links. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
