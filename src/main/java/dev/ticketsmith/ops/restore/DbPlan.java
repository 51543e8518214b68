package dev.ticketsmith.ops.restore;

/** Keys of what a database operation's plan freezes (its context), and the operation kinds. */
public final class DbPlan {

    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    public static final String RESTORE_TEST = "restore-test";
    public static final String RESTORE_UNDO = "restore-undo";

    /** The catalogue database the operation acts on. */
    public static final String DATABASE = "db.name";
    /** The backup asked for with {@code from}; absent means the newest. */
    public static final String FROM = "db.from";
    /** The new copy's name, fixed when the plan is made so approvers see it. */
    public static final String COPY = "db.copy";
    /** Whether the copy is a restore test's scratch copy. */
    public static final String SCRATCH = "db.scratch";
    /** The consumers repointed on cut-over, as people read them. */
    public static final String CONSUMERS = "db.consumers";
    /** {@code manual} or {@code scheduled}. */
    public static final String TRIGGER = "db.trigger";
    /** The restore whose cut-over an undo reverts. */
    public static final String UNDOES = "db.undoes";
    /** What the restore sets explicitly on the new copy, as people read it. */
    public static final String SETTINGS = "db.settings";
    /** The channel of the live message (and of a restore test's report). */
    public static final String CHANNEL = "release.channel";

    /** A restore test runs beside backups and restores of its database: it has a target of its own. */
    public static String testTarget(String database) {
        return database + "/restore-test";
    }

    /** The database a target names. */
    public static String database(String target) {
        return target.endsWith("/restore-test") ? target.substring(0, target.length() - "/restore-test".length()) : target;
    }

    /** Whether an operation kind is one of these. */
    public static boolean isDatabaseKind(String kind) {
        return BACKUP.equals(kind) || RESTORE.equals(kind) || RESTORE_TEST.equals(kind) || RESTORE_UNDO.equals(kind);
    }

    private DbPlan() {
    }
}
