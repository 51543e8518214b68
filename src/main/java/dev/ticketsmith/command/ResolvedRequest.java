package dev.ticketsmith.command;

import dev.ticketsmith.policy.Action;

import java.util.List;

/**
 * A parsed command tied to the catalogue: what it does (for policy), what it acts on and in which
 * environments. A lock on a service covers every environment the service runs in.
 *
 * @param action       the policy action
 * @param target       service, database or environment name; null for help and plain status/history
 * @param kind         what the target is
 * @param environments the environments policy is evaluated in (empty for reads without a target)
 */
public record ResolvedRequest(Command command, Action action, String target, TargetKind kind, List<String> environments) {

    /** What a command's target names. */
    public enum TargetKind { NONE, SERVICE, DATABASE, ENVIRONMENT }

    /** The environment for the audit record: the only one, or a comma-separated list. */
    public String environmentLabel() {
        return environments.isEmpty() ? null : String.join(",", environments);
    }
}
