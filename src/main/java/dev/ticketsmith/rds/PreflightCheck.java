package dev.ticketsmith.rds;

/** One check before provisioning: its name, its outcome and what a person should know about it. */
public record PreflightCheck(String name, Outcome outcome, String detail) {

    public enum Outcome {
        OK,
        FAILED,
        /** The check could not run (access denied, throttled): neither passed nor failed. */
        UNKNOWN
    }

    static PreflightCheck ok(String name, String detail) {
        return new PreflightCheck(name, Outcome.OK, detail);
    }

    static PreflightCheck failed(String name, String detail) {
        return new PreflightCheck(name, Outcome.FAILED, detail);
    }

    static PreflightCheck unknown(String name, String detail) {
        return new PreflightCheck(name, Outcome.UNKNOWN, detail);
    }
}
