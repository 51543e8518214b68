package dev.ticketsmith.ops.engine;

import java.time.Instant;

/**
 * An observation about an operation, with a reason a person can read: "smoke test failed: GET
 * /healthz answered 503", "waiting for 2 approvals". Kept in order; the newest explains the phase.
 */
public record Condition(String type, String reason, Instant at) {
}
