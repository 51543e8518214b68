package dev.ticketsmith.dr;

/** The outcome of one disaster-recovery check. */
public enum Status {
    /** Checked, and as it should be. */
    OK,
    /** Checked, and not as it should be: the detail says what is wrong. */
    FAILED,
    /** Could not be checked (no permission, service unreachable): the detail says why. */
    UNKNOWN
}
