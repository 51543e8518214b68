package dev.ticketsmith.rds;

import java.util.List;

/** The checks made before a restore provisions an instance. Unknown checks do not count as failed. */
public record Preflight(List<PreflightCheck> checks) {

    public Preflight {
        checks = List.copyOf(checks);
    }

    /** True when no check failed (some may be unknown). */
    public boolean passed() {
        return failed().isEmpty();
    }

    public List<PreflightCheck> failed() {
        return having(PreflightCheck.Outcome.FAILED);
    }

    public List<PreflightCheck> unknown() {
        return having(PreflightCheck.Outcome.UNKNOWN);
    }

    /** The check of that name, for tests and messages. */
    public PreflightCheck check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no preflight check named " + name));
    }

    private List<PreflightCheck> having(PreflightCheck.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).toList();
    }
}
