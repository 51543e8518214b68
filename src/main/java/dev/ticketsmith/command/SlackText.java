package dev.ticketsmith.command;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the escapes in Slack's slash-command text: {@code &amp; &lt; &gt;} for the literal
 * characters, and angle-bracket entities for mentions ({@code <@U123|ann>}, {@code <#C123|ops>},
 * {@code <!subteam^S123|@devs>}, {@code <!here>}) and links ({@code <https://x.io|x.io>}).
 */
final class SlackText {

  private static final Set<String> BROADCASTS = Set.of("here", "channel", "everyone");
  private static final Pattern SCHEME = Pattern.compile("^(?i)(?:https?://|mailto:)");

  private SlackText() {}

  /** Kinds of angle-bracket entity. */
  enum Kind { USER, CHANNEL, GROUP, SPECIAL, LINK }

  /** One entity: its kind, its id (or URL) and its label when Slack gave a non-empty one. */
  record Entity(Kind kind, String id, Optional<String> label) {}

  /** A reason as it should be stored and posted back: canonical mentions, links as labels. */
  static String reason(String text) {
    return map(text, SlackText::canonical);
  }

  /** Text as the user saw it in their client, for quoting in messages. */
  static String display(String text) {
    return map(text, SlackText::shown);
  }

  /**
   * A value in a name, artifact, version or snapshot position: links unwrap to their label (or to
   * the URL without the scheme Slack added), and mentions are refused.
   */
  static String value(String text, Role role) {
    return map(text, e -> unwrap(e, role));
  }

  /** Index of the {@code '>'} closing an entity that opens at {@code start}, or -1. */
  static int entityEnd(String text, int start) {
    return text.charAt(start) == '<' ? text.indexOf('>', start + 1) : -1;
  }

  /** Decodes the three HTML entities Slack uses; {@code &amp;lt;} gives {@code &lt;}. */
  static String decode(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String map(String text, Function<Entity, String> render) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int close = entityEnd(text, i);
      if (close > 0) {
        out.append(render.apply(entity(text.substring(i + 1, close))));
        i = close + 1;
      } else {
        int next = text.indexOf('<', i + 1);
        int end = next < 0 ? text.length() : next;
        out.append(decode(text.substring(i, end)));
        i = end;
      }
    }
    return out.toString();
  }

  static Entity entity(String inner) {
    int bar = inner.indexOf('|');
    String body = bar < 0 ? inner : inner.substring(0, bar);
    Optional<String> label = bar < 0
        ? Optional.empty()
        : Optional.of(decode(inner.substring(bar + 1))).filter(l -> !l.isBlank());
    if (body.startsWith("@")) {
      return new Entity(Kind.USER, body.substring(1), label);
    }
    if (body.startsWith("#")) {
      return new Entity(Kind.CHANNEL, body.substring(1), label);
    }
    if (body.startsWith("!subteam^")) {
      return new Entity(Kind.GROUP, body.substring("!subteam^".length()), label);
    }
    if (body.startsWith("!")) {
      return new Entity(Kind.SPECIAL, body.substring(1), label);
    }
    return new Entity(Kind.LINK, decode(body), label);
  }

  private static String canonical(Entity e) {
    return switch (e.kind()) {
      case USER -> "<@" + e.id() + ">";
      case CHANNEL -> "<#" + e.id() + ">";
      case GROUP -> "<!subteam^" + e.id() + ">";
      case SPECIAL, LINK -> shown(e);
    };
  }

  private static String shown(Entity e) {
    return switch (e.kind()) {
      case USER -> "@" + e.label().orElse(e.id());
      case CHANNEL -> "#" + e.label().orElse(e.id());
      case GROUP -> e.label().orElse("@" + e.id());
      case SPECIAL -> special(e);
      case LINK -> e.label().orElse(e.id());
    };
  }

  private static String special(Entity e) {
    String word = e.id().split("\\^", 2)[0];
    return BROADCASTS.contains(word) ? "@" + word : e.label().orElse("@" + word);
  }

  private static String unwrap(Entity e, Role role) {
    String what = switch (e.kind()) {
      case USER -> "a person";
      case CHANNEL -> "a channel";
      case GROUP -> "a user group";
      case SPECIAL -> "a mention";
      case LINK -> null;
    };
    if (what == null) {
      return e.label().orElseGet(() -> SCHEME.matcher(e.id()).replaceFirst(""));
    }
    throw new ParseProblem(String.format("%s is %s, not %s: type the %s instead, like `%s`.",
        Mrkdwn.quote(shown(e)), what, role.noun(), role.bare(), role.example()));
  }
}
