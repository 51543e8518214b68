package dev.ticketsmith.command;

/**
 * Raised inside the parser when the text is not a valid command; its message is the friendly,
 * mrkdwn-safe problem sentence. It never leaves {@link CommandParser}.
 */
final class ParseProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ParseProblem(String problem) {
    super(problem, null, false, false);
  }
}
