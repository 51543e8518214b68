package dev.ticketsmith.backup;

/**
 * One check before a restore provisions anything: the KMS key is usable, the network exists, quota
 * is left, the archive is there. {@code UNKNOWN} (the check could not be made, for example for lack
 * of permission) is reported and does not stop the restore.
 */
public record PreflightCheck(String name, Status status, String detail) {

    public enum Status { OK, FAILED, UNKNOWN }

    public static PreflightCheck ok(String name, String detail) {
        return new PreflightCheck(name, Status.OK, detail);
    }

    public static PreflightCheck failed(String name, String detail) {
        return new PreflightCheck(name, Status.FAILED, detail);
    }

    public static PreflightCheck unknown(String name, String detail) {
        return new PreflightCheck(name, Status.UNKNOWN, detail);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** One line for Slack. */
    public String line() {
        String mark = switch (status) {
            case OK -> ":white_check_mark:";
            case FAILED -> ":x:";
            case UNKNOWN -> ":grey_question:";
        };
        return mark + " " + name + ": " + detail;
    }
}
