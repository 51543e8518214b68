package dev.ticketsmith.slack.capability;

import dev.ticketsmith.slack.CommandOutcome;

/**
 * Carries out one subcommand once it is parsed, resolved against the catalogue and allowed by
 * policy. Implementations are CDI beans; a verb with no bean answers that the capability is not
 * enabled in this deployment. A handler decides and returns within Slack's 3 seconds: an answer with
 * its audit entry ({@link Handled}, recorded once per delivery), or, for a change, an {@link Acting}
 * whose effect commits with its record. Slow work goes to the operation engine or to
 * {@link CommandOutcome#later}, which runs only after the record committed.
 */
public interface CapabilityHandler {

    /** The subcommand this handler carries out, e.g. {@code "status"}. */
    String verb();

    Handling handle(CommandRequest request);
}
