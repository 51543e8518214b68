package dev.ticketsmith.command;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A cursor over the words of one command, used by the subcommand parsers. */
final class Tokens {

  private final String text;
  private final List<Token> tokens;
  private final String verb;
  private int position;

  Tokens(String text, List<Token> tokens, String verb, int position) {
    this.text = text;
    this.tokens = List.copyOf(tokens);
    this.verb = verb;
    this.position = position;
  }

  /** Whether words are left. */
  boolean hasNext() {
    return position < tokens.size();
  }

  /** The next word without consuming it; only call when {@link #hasNext()}. */
  Token peek() {
    return tokens.get(position);
  }

  /** Consumes the next word; only call when {@link #hasNext()}. */
  Token next() {
    return tokens.get(position++);
  }

  /** Whether the next word is the given keyword. */
  boolean nextIs(String keyword) {
    return hasNext() && peek().is(keyword);
  }

  /** Consumes the next word, or refuses the command with the given problem when none is left. */
  Token require(String problemWhenMissing) {
    if (!hasNext()) {
      throw new ParseProblem(problemWhenMissing);
    }
    return next();
  }

  /**
   * Consumes the remaining words as a reason: the text as the user wrote it from the first of them
   * to the last, whitespace folded, without the quotes when it is a single quoted word, with Slack
   * escapes read by {@link SlackText#reason}. Empty when no words are left.
   */
  String reason() {
    if (!hasNext()) {
      return "";
    }
    Token first = peek();
    Token last = tokens.get(tokens.size() - 1);
    String raw = first == last && first.quoted()
        ? first.text()
        : text.substring(first.start(), last.end());
    position = tokens.size();
    return SlackText.reason(Whitespace.fold(raw));
  }

  /**
   * Reads {@code keyword value} options in any order, each keyword at most once, and stops at the
   * first word that is not a keyword still unused: a repeated keyword starts the reason.
   *
   * @param keywords each keyword with the role of its value, used when the value is missing
   * @return the value word of each option given, by keyword
   */
  Map<String, Token> options(Map<String, Role> keywords) {
    Map<String, Token> values = new HashMap<>();
    while (hasNext()) {
      String keyword = peek().text().toLowerCase(Locale.ROOT);
      Role role = keywords.get(keyword);
      if (peek().quoted() || role == null || values.containsKey(keyword)) {
        break;
      }
      next();
      values.put(keyword, require(String.format("Say %s after `%s`, like `%s %s`.",
          role.noun(), keyword, keyword, role.example())));
    }
    return values;
  }

  /** Refuses the command when words are left over. */
  void end() {
    if (hasNext()) {
      throw new ParseProblem(String.format("There is an unexpected %s: the form is %s.",
          Mrkdwn.code(peek().text()), Usage.syntax(verb)));
    }
  }
}
