package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How backups of a database are taken and restored: {@code rds} (snapshots, restored to a new
 * instance) or {@code pgdump} (archives, restored into a new database). Operation steps call a
 * provider once per reconcile; the long parts ({@link #backup}, {@link #provision},
 * {@link #removeScratch}) start work, record its id in the step's handles, and answer
 * {@link StepResult.Wait} until it is done, so nothing sleeps and a crash resumes where it was.
 */
public interface DatabaseProvider {

    DatabaseSpec.Provider kind();

    /** Takes a backup now (start, then check); once done it is recorded and the note says its id, size and time. */
    StepResult backup(StepContext ctx, DatabaseSpec db, String trigger);

    /** The backups a restore can start from, newest first. */
    List<BackupRef> backups(DatabaseSpec db);

    /** One backup by what people type after {@code from}. */
    Optional<BackupRef> find(DatabaseSpec db, String id);

    /** The name of a new copy: {@code <db>_restored_<time>} or {@code <db>_rt_<time>} (scratch copies of restore tests). */
    String copyName(DatabaseSpec db, Instant at, boolean scratch);

    /** What is checked before anything is provisioned. */
    List<PreflightCheck> preflight(DatabaseSpec db, BackupRef from, String copyName, boolean scratch);

    /** What the restore sets explicitly on the new copy, for the plan message. */
    Map<String, String> explicitSettings(DatabaseSpec db, boolean scratch);

    /**
     * Brings up the new copy from the backup (start, then check). When done, the handles hold
     * {@link RestoreHandles#PROVISION_MS}, {@link RestoreHandles#RESTORE_MS} and the copy's address.
     */
    StepResult provision(StepContext ctx, DatabaseSpec db, BackupRef from, String copyName, boolean scratch);

    /** Where the provisioned copy is reached, from what {@link #provision} recorded. */
    CopyAddress address(StepContext ctx, DatabaseSpec db, String copyName);

    /** Where the database in service is reached now. */
    CopyAddress current(DatabaseSpec db);

    /** Removes a scratch copy TICKETSMITH made (start, then check); refuses any other. */
    StepResult removeScratch(StepContext ctx, DatabaseSpec db, String copyName);

    /** The scratch copies of restore tests that exist now, with when they were made. */
    Map<String, Instant> scratchCopies(DatabaseSpec db);

    /** Removes a leftover scratch copy at once (the sweeper); refuses any other. */
    void removeLeftover(DatabaseSpec db, String copyName);

    /** Settings of the source against the restored copy (RDS); empty where there is nothing to compare. */
    List<DriftRow> drift(StepContext ctx, DatabaseSpec db, String copyName);

    /**
     * What DR status says of this database's backups: the newest one's age against the RPO, the
     * provider's own backups (RDS automated backups), and encryption at rest.
     */
    List<PreflightCheck> drChecks(DatabaseSpec db, Instant now);

    /** What a copy costs an hour, for the cost line of reports. */
    Optional<Double> pricePerHour(DatabaseSpec db);

    /** One setting of the source and of the restored copy; {@code differs} flags it. */
    record DriftRow(String setting, String source, String restored, boolean differs) {
    }
}
