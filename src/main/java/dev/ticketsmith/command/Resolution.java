package dev.ticketsmith.command;

/** A parsed command checked against the catalogue: either resolved, or a reason it cannot be. */
public sealed interface Resolution permits Resolution.Resolved, Resolution.Unresolved {

    /** The command names things the catalogue knows. */
    record Resolved(ResolvedRequest request) implements Resolution {
    }

    /** The command names something unknown; {@code problem} says what and suggests close names. */
    record Unresolved(String verb, String problem, String usage) implements Resolution {
    }
}
