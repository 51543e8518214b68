package dev.ticketsmith.command;

/**
 * What counts as whitespace in a command: space, tab, line breaks, the no-break space U+00A0 and
 * every other Unicode space separator.
 */
final class Whitespace {

  private Whitespace() {}

  /** Whether the character separates words. */
  static boolean is(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r'
        || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** Folds each run of whitespace to one space and drops leading and trailing whitespace. */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pending = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (is(c)) {
        pending = out.length() > 0;
      } else {
        if (pending) {
          out.append(' ');
          pending = false;
        }
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }
}
