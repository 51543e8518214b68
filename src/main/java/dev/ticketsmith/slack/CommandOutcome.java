package dev.ticketsmith.slack;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command handler gives back: the reply sent with the acknowledgement (at once, within
 * Slack's 3 seconds) and, for slow answers, work that runs afterwards and answers through the
 * command's {@code response_url}.
 */
public record CommandOutcome(SlackReply reply, Optional<Supplier<SlackReply>> followUp) {

    /** A repeat of a delivery already handled: a bare ack, nothing else. */
    public static CommandOutcome repeat() {
        return new CommandOutcome(null, Optional.empty());
    }

    public static CommandOutcome now(SlackReply reply) {
        return new CommandOutcome(reply, Optional.empty());
    }

    public static CommandOutcome later(SlackReply ack, Supplier<SlackReply> followUp) {
        return new CommandOutcome(ack, Optional.of(followUp));
    }
}
