package dev.ticketsmith.command;

/**
 * Makes user text safe to quote inside a Slack mrkdwn message: shown as the user saw it, shortened,
 * and with {@code & < >} escaped so that nothing the user typed can become a mention or a link.
 */
final class Mrkdwn {

  private static final int MAX_QUOTED = 40;

  private Mrkdwn() {}

  /** Quotes text as Slack sent it as an inline code span, e.g. {@code `promte`}. */
  static String code(String slackText) {
    return quote(slackText == null ? "" : SlackText.display(slackText));
  }

  /** Quotes text as the user saw it as an inline code span. */
  static String quote(String shownText) {
    String shown = Whitespace.fold(shownText).replace('`', '\'');
    if (shown.isEmpty()) {
      return "`\"\"`";
    }
    if (shown.codePointCount(0, shown.length()) > MAX_QUOTED) {
      shown = shown.substring(0, shown.offsetByCodePoints(0, MAX_QUOTED - 1)) + "…";
    }
    return "`" + escape(shown) + "`";
  }

  /** Escapes the three characters Slack requires escaped in message text. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
