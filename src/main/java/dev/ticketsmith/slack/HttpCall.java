package dev.ticketsmith.slack;

import java.io.IOException;

/** One attempt of a call to Slack, repeated by {@link SlackWebApi}'s retry loop. */
@FunctionalInterface
interface HttpCall {
    HttpOutcome run() throws IOException;
}
