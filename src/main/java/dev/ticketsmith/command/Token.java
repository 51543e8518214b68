package dev.ticketsmith.command;

/**
 * One word of a command.
 *
 * @param text the word with its quotes removed; Slack entities and HTML escapes are left as sent
 * @param start index of the word's first character in the command text
 * @param end index just past the word's last character (its closing quote, if any)
 * @param quoted whether the whole word was one quoted span
 */
record Token(String text, int start, int end, boolean quoted) {

  /** Whether this is the given keyword: unquoted and equal ignoring case. */
  boolean is(String keyword) {
    return !quoted && text.equalsIgnoreCase(keyword);
  }
}
