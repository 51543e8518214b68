package dev.ticketsmith.slack.capability;

import dev.ticketsmith.slack.CommandOutcome;

/**
 * Carries out one subcommand once it is parsed, resolved against the catalogue and allowed by
 * policy. Implementations are CDI beans; a verb with no bean answers that the capability is not
 * enabled in this deployment. A handler records its own audit entry and returns within Slack's
 * 3 seconds, leaving slow work to the operation engine or to {@link CommandOutcome#later}.
 */
public interface CapabilityHandler {

    /** The subcommand this handler carries out, e.g. {@code "status"}. */
    String verb();

    CommandOutcome handle(CommandRequest request);
}
