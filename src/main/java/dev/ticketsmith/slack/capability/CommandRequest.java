package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.command.Command;
import dev.ticketsmith.command.ResolvedRequest;
import dev.ticketsmith.slack.Invocation;

/**
 * Everything a {@link CapabilityHandler} needs: who asked, what they typed, the parsed command
 * resolved against the catalogue, and an audit entry already filled with actor, channel, command
 * text, target and environment.
 */
public record CommandRequest(Invocation invocation, ResolvedRequest resolved, AuditEntry.Builder audit) {

    public Command command() {
        return resolved.command();
    }
}
