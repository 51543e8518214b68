package dev.ticketsmith.slack.capability;

import dev.ticketsmith.slack.CommandOutcome;

/**
 * Carries out one subcommand once it is parsed, resolved against the catalogue and allowed by
 * policy. Implementations are CDI beans; a verb with no bean answers that the capability is not
 * enabled in this deployment. A handler decides, returns the audit entry with its answer (the caller
 * records it, once per delivery) and returns within Slack's 3 seconds, leaving slow work to the
 * operation engine or to {@link CommandOutcome#later}, which runs only after the record committed.
 */
public interface CapabilityHandler {

    /** The subcommand this handler carries out, e.g. {@code "status"}. */
    String verb();

    Handled handle(CommandRequest request);
}
