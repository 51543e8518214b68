package dev.ticketsmith.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses the text of a {@code /ticketsmith} slash command, as Slack sends it (form-decoded, with
 * Slack's own escapes), into a {@link Command} or a friendly {@link ParseResult.Invalid}.
 *
 * <p>It never throws. Blank text asks for help. Text longer than {@value #MAX_LENGTH} code points,
 * or holding control characters (other than tab and line breaks) or bidirectional overrides, is
 * refused before anything else. The subcommand word is matched ignoring case. Instances are
 * stateless and safe to share between threads.
 */
public final class CommandParser {

  /** The longest command accepted, counted in code points. */
  public static final int MAX_LENGTH = 1000;

  private static final Map<String, Function<Tokens, Command>> PARSERS = Map.ofEntries(
      Map.entry("help", InfoParsers::help),
      Map.entry("promote", ReleaseParsers::promote),
      Map.entry("rollback", ReleaseParsers::rollback),
      Map.entry("scale", ScaleParser::scale),
      Map.entry("restore", DataParsers::restore),
      Map.entry("restore-test", DataParsers::restoreTest),
      Map.entry("backup", DataParsers::backup),
      Map.entry("dr", DataParsers::dr),
      Map.entry("status", InfoParsers::status),
      Map.entry("history", InfoParsers::history),
      Map.entry("lock", LockParsers::lock),
      Map.entry("unlock", LockParsers::unlock));

  /** Parses one command text; null is treated as blank. */
  public ParseResult parse(String text) {
    try {
      return parseText(text == null ? "" : text);
    } catch (RuntimeException unexpected) {
      return new ParseResult.Invalid(
          "Sorry, I couldn't read that command: please check it against the help and try again.",
          Optional.empty(), Usage.help());
    }
  }

  private static ParseResult parseText(String text) {
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      return invalid(String.format(Locale.ROOT,
          "That command is %,d characters long; the limit is %,d, so please shorten it.",
          length, MAX_LENGTH), null);
    }
    String control = controlCharacter(text);
    if (control != null) {
      return invalid(control, null);
    }
    List<Token> tokens;
    try {
      tokens = Tokenizer.tokenize(text);
    } catch (ParseProblem problem) {
      return invalid(problem.getMessage(), firstWordVerb(text));
    }
    if (tokens.isEmpty()) {
      return new ParseResult.Parsed(new Command.Help(Optional.empty()));
    }
    String verb = tokens.get(0).text().toLowerCase(Locale.ROOT);
    Function<Tokens, Command> parser = PARSERS.get(verb);
    if (parser == null) {
      return invalid(InfoParsers.unknownVerb(tokens.get(0).text()), null);
    }
    try {
      return new ParseResult.Parsed(parser.apply(new Tokens(text, tokens, verb, 1)));
    } catch (ParseProblem problem) {
      return invalid(problem.getMessage(), verb);
    }
  }

  private static ParseResult invalid(String problem, String verb) {
    String usage = verb == null || verb.equals("help") ? Usage.help() : Usage.of(verb);
    return new ParseResult.Invalid(problem, Optional.ofNullable(verb), usage);
  }

  private static String controlCharacter(String text) {
    int position = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      position++;
      boolean control = Character.getType(c) == Character.CONTROL
          && c != '\t' && c != '\n' && c != '\r';
      boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
      if (control || bidi) {
        return String.format(Locale.ROOT, "There is an invisible %s character (U+%04X) at"
            + " position %d: please retype the command without it.",
            control ? "control" : "text-direction", c, position);
      }
    }
    return null;
  }

  private static String firstWordVerb(String text) {
    String first = Whitespace.fold(text).split(" ", 2)[0].toLowerCase(Locale.ROOT);
    return PARSERS.containsKey(first) ? first : null;
  }
}
