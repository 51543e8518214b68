package dev.ticketsmith.backup;

/** Names of the handles database operations record (and their report reads back). */
public final class RestoreHandles {

    /** The backup the operation starts from, as {@link BackupRef#toHandles} writes it under this prefix. */
    public static final String BACKUP = "backup.";
    /** The backup a backup operation took, likewise. */
    public static final String TAKEN = "taken.";
    /** The new copy's name: a database on the source's server or an RDS instance identifier. */
    public static final String COPY = "restore.copy";
    public static final String COPY_HOST = "restore.copyHost";
    public static final String COPY_PORT = "restore.copyPort";
    public static final String COPY_DATABASE = "restore.copyDatabase";
    /** The job or request that provisions the copy. */
    public static final String PROVISION_JOB = "restore.provisionJob";
    public static final String PROVISION_MS = "time.provisionMs";
    public static final String RESTORE_MS = "time.restoreMs";
    public static final String VALIDATION_MS = "time.validationMs";
    public static final String CUTOVER_MS = "time.cutoverMs";
    public static final String VALIDATION_JOB = "validate.job";
    /** The validation pack's checks as JSON, and whether they all passed. */
    public static final String CHECKS = "validate.checks";
    public static final String PASSED = "validate.passed";
    /** The time of the newest data the freshness checks found. */
    public static final String DATA_TIME = "validate.dataTime";
    public static final String PREFLIGHT = "preflight.checks";
    public static final String DRIFT = "restore.drift";
    /** When the cut-over wrote the new address (consumers' readiness is measured from it). */
    public static final String CUTOVER_AT = "cutover.at";
    /** The Secret values are recorded (before any is changed). */
    public static final String CUTOVER_RECORDED = "cutover.recorded";
    public static final String UNDONE_AT = "cutover.undoneAt";
    public static final String REMOVED = "cleanup.removed";
    public static final String REMOVE_JOB = "cleanup.job";
    public static final String REPORTED = "report.posted";
    public static final String BACKUP_JOB = "backup.job";
    public static final String BACKUP_RECORDED = "backup.recorded";
    /** Throttled AWS answers in a row, for the step's own back-off. */
    public static final String THROTTLED = "aws.throttled";

    private RestoreHandles() {
    }
}
