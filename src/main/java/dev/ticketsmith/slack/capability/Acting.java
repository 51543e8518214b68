package dev.ticketsmith.slack.capability;

import dev.ticketsmith.audit.AuditEntry;

import java.util.function.Supplier;

/**
 * A command that changes something (starts an operation, say). {@code act} runs inside the one
 * transaction that also records the delivery key and the audit record it returns: all of it
 * commits, or none of it does and the user is told so truthfully. A repeated delivery never runs it.
 *
 * @param verb  the subcommand, for the record of a failure
 * @param audit the audit entry as far as it is known before acting, for the record of a failure
 * @param act   what to do; returns the record and the answer
 */
public record Acting(String verb, AuditEntry.Builder audit, Supplier<Handled> act) implements Handling {
}
