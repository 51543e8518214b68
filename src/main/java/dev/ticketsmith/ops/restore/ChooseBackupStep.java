package dev.ticketsmith.ops.restore;

import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.DatabaseProvider;
import dev.ticketsmith.backup.DatabaseProviders;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * {@code db.choose}: the backup to restore, the one asked for or the newest, recorded once; approvals
 * are bound to it (the approval subject), so an approver approves this backup and no other.
 */
@Singleton
public class ChooseBackupStep extends DatabaseStep {

    ChooseBackupStep(Catalog catalog, DatabaseProviders providers) {
        super(catalog, providers);
    }

    @Override
    public String type() {
        return "db.choose";
    }

    @Override
    protected StepResult reconcile(StepContext ctx, DatabaseSpec db, DatabaseProvider provider) {
        BackupRef chosen = BackupRef.fromHandles(ctx.handles(), RestoreHandles.BACKUP);
        if (chosen == null) {
            Optional<String> asked = Optional.ofNullable(ctx.plan().get(DbPlan.FROM));
            Optional<BackupRef> found;
            if (asked.isPresent()) {
                found = provider.find(db, asked.get());
                if (found.isEmpty()) {
                    List<BackupRef> known = provider.backups(db);
                    return StepResult.fail("there is no backup `" + asked.get() + "` of " + db.name() + "; the newest are: "
                            + (known.isEmpty() ? "none" : String.join(", ", known.stream().limit(5).map(BackupRef::id).toList())));
                }
            } else {
                found = provider.backups(db).stream().findFirst();
                if (found.isEmpty()) {
                    return StepResult.fail("there is no backup of " + db.name() + " to restore from: take one with `/ticketsmith backup "
                            + db.name() + "`");
                }
            }
            chosen = found.get();
            chosen.toHandles(RestoreHandles.BACKUP).forEach(ctx::putHandle);
            ctx.putHandle(dev.ticketsmith.ops.engine.StepContext.APPROVAL_SUBJECT, chosen.location() + "#" + chosen.sha256());
        }
        return StepResult.done(chosen.id() + ", " + Sizes.duration(chosen.age(ctx.now())) + " old, " + Sizes.bytes(chosen.sizeBytes()));
    }
}
