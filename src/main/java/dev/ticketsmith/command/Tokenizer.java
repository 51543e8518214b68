package dev.ticketsmith.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command text into words at whitespace. A quote that starts a word ({@code "…"},
 * {@code '…'}, {@code “…”}, {@code ‘…’}) runs to the matching closing quote that is not followed by
 * a letter or digit, so {@code 'it's down'} is one word and apostrophes inside words are kept. A
 * Slack entity {@code <…>} is never split, even when its label has spaces.
 */
final class Tokenizer {

  private static final String DOUBLE_OPEN = "\"“„";
  private static final String DOUBLE_CLOSE = "\"”“";
  private static final String SINGLE_OPEN = "'‘‚";
  private static final String SINGLE_CLOSE = "'’‘";

  private Tokenizer() {}

  /** The words of the text; throws a {@link ParseProblem} for an unterminated quote. */
  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Whitespace.is(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      StringBuilder word = new StringBuilder();
      int quotedSpans = 0;
      boolean bare = false;
      while (i < text.length() && !Whitespace.is(text.charAt(i))) {
        char c = text.charAt(i);
        int entityEnd = SlackText.entityEnd(text, i);
        String closers = i == start ? closersFor(c) : null;
        if (entityEnd > 0) {
          word.append(text, i, entityEnd + 1);
          i = entityEnd + 1;
          bare = true;
        } else if (closers != null) {
          int close = closingQuote(text, i + 1, closers);
          word.append(text, i + 1, close);
          i = close + 1;
          quotedSpans++;
        } else {
          word.append(c);
          i++;
          bare = true;
        }
      }
      tokens.add(new Token(word.toString(), start, i, quotedSpans == 1 && !bare));
    }
    return tokens;
  }

  private static String closersFor(char open) {
    if (DOUBLE_OPEN.indexOf(open) >= 0) {
      return DOUBLE_CLOSE;
    }
    return SINGLE_OPEN.indexOf(open) >= 0 ? SINGLE_CLOSE : null;
  }

  private static int closingQuote(String text, int from, String closers) {
    int i = from;
    while (i < text.length()) {
      int entityEnd = SlackText.entityEnd(text, i);
      if (entityEnd > 0) {
        i = entityEnd + 1;
        continue;
      }
      boolean atEnd = i + 1 >= text.length()
          || !Character.isLetterOrDigit(text.codePointAt(i + 1));
      if (closers.indexOf(text.charAt(i)) >= 0 && atEnd) {
        return i;
      }
      i++;
    }
    int opening = from - 1;
    throw new ParseProblem(String.format(
        "The quote %s at position %d is never closed: add the closing quote, or remove it.",
        Mrkdwn.quote(text.substring(opening, from)), text.codePointCount(0, opening) + 1));
  }
}
