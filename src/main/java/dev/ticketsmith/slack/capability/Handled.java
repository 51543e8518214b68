package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditEntry;
import dev.ticketsmith.slack.CommandOutcome;

/**
 * What became of a command: the audit entry to record and what to answer. The entry is recorded
 * together with the delivery key before any of the outcome happens, so a repeat does nothing.
 */
public record Handled(AuditEntry entry, CommandOutcome outcome) implements Handling {
}
