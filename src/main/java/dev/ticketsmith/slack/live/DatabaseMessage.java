package dev.ticketsmith.slack.live;

import com.slack.api.model.block.LayoutBlock;
import dev.ticketsmith.backup.BackupRef;
import dev.ticketsmith.backup.RestoreHandles;
import dev.ticketsmith.backup.Sizes;
import dev.ticketsmith.ops.engine.Operation;
import dev.ticketsmith.ops.engine.Phase;
import dev.ticketsmith.ops.engine.StepSpec;
import dev.ticketsmith.ops.restore.DbPlan;
import dev.ticketsmith.slack.Blocks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live body of a backup, restore, restore test or undo: the backup and its age and size, the
 * new copy, the consumers to repoint and what is set explicitly (the plan people approve), then
 * each phase's time as it is measured, and, once a restore has cut over, the command that undoes it.
 */
final class DatabaseMessage {

    private DatabaseMessage() {
    }

    static String facts(Operation op) {
        Map<String, String> h = op.handles;
        Map<String, String> plan = op.context;
        List<String> lines = new ArrayList<>();
        BackupRef taken = BackupRef.fromHandles(h, RestoreHandles.TAKEN);
        if (taken != null) {
            lines.add("*Backup:* `" + taken.id() + "` · " + Sizes.bytes(taken.sizeBytes())
                    + (h.containsKey("taken.durationMs") ? " · took " + Sizes.millis(Long.parseLong(h.get("taken.durationMs"))) : "")
                    + (taken.sha256() == null ? "" : " · SHA-256 `" + taken.sha256() + "`"));
        }
        BackupRef from = BackupRef.fromHandles(h, RestoreHandles.BACKUP);
        if (from != null) {
            lines.add("*From:* `" + from.id() + "` · " + Sizes.duration(Duration.between(from.takenAt(), op.createdAt)) + " old · "
                    + Sizes.bytes(from.sizeBytes()));
        } else if (plan.containsKey(DbPlan.COPY)) {
            lines.add("*From:* " + (plan.containsKey(DbPlan.FROM) ? "`" + plan.get(DbPlan.FROM) + "`" : "the newest backup") + " (looking it up)");
        }
        if (plan.containsKey(DbPlan.COPY)) {
            lines.add("*New " + (Boolean.parseBoolean(plan.get(DbPlan.SCRATCH)) ? "scratch copy" : "database") + ":* `" + plan.get(DbPlan.COPY) + "`"
                    + (h.containsKey(RestoreHandles.COPY_HOST) ? " on " + h.get(RestoreHandles.COPY_HOST) + ":" + h.get(RestoreHandles.COPY_PORT) : ""));
        }
        if (plan.containsKey(DbPlan.CONSUMERS)) {
            lines.add("*Repoints:* " + (plan.get(DbPlan.CONSUMERS).isEmpty() ? "no consumers configured" : plan.get(DbPlan.CONSUMERS)));
        }
        if (plan.containsKey(DbPlan.SETTINGS) && !plan.get(DbPlan.SETTINGS).isEmpty()) {
            lines.add("*Set explicitly:* " + Blocks.escape(plan.get(DbPlan.SETTINGS)));
        }
        if (h.containsKey(RestoreHandles.PREFLIGHT)) {
            lines.add("*Preflight:*\n" + Blocks.escape(h.get(RestoreHandles.PREFLIGHT)));
        }
        List<String> times = new ArrayList<>();
        time(times, "provisioning", h.get(RestoreHandles.PROVISION_MS));
        time(times, "restore", h.get(RestoreHandles.RESTORE_MS));
        time(times, "validation", h.get(RestoreHandles.VALIDATION_MS));
        time(times, "cut-over", h.get(RestoreHandles.CUTOVER_MS));
        time(times, "undo", h.get("time.undoMs"));
        if (!times.isEmpty()) {
            lines.add("*Times:* " + String.join(" · ", times));
        }
        if (plan.containsKey(DbPlan.UNDOES)) {
            lines.add("*Undoes the cut-over of:* `" + plan.get(DbPlan.UNDOES) + "`");
        }
        if (DbPlan.RESTORE.equals(op.kind) && h.containsKey(RestoreHandles.CUTOVER_AT) && !h.containsKey(RestoreHandles.UNDONE_AT)) {
            lines.add(":leftwards_arrow_with_hook: To undo the cut-over: `/ticketsmith restore " + plan.get(DbPlan.DATABASE) + " undo "
                    + op.id.toString().substring(0, 8) + "` (the previous Secret values are recorded; the old database was not touched)");
        }
        return String.join("\n", lines);
    }

    private static void time(List<String> times, String label, String ms) {
        if (ms != null) {
            times.add(label + " " + Sizes.millis(Long.parseLong(ms)));
        }
    }

    static String label(StepSpec step) {
        return switch (step.type()) {
            case "db.backup" -> "take the backup";
            case "db.prune" -> "keep the newest " + step.param("keep");
            case "db.choose" -> "choose the backup";
            case "db.preflight" -> "preflight checks";
            case "db.provision" -> "provision the new copy";
            case "db.validate" -> "validation pack";
            case "gate.cutover" -> step.param("approvals") + " approvals for the cut-over";
            case "db.cutover" -> "cut over: repoint the consumers";
            case "db.consumers-ready" -> "consumers ready";
            case "db.report" -> "report";
            case "db.cleanup" -> "remove the scratch copy" + (Duration.parse(step.param("keepFor", "PT0S")).isZero() ? ""
                    : " after " + Sizes.duration(Duration.parse(step.param("keepFor"))));
            case "db.undo-cutover" -> "put the previous addresses back";
            default -> null;
        };
    }

    static boolean applies(Operation op) {
        return DbPlan.isDatabaseKind(op.kind);
    }

    static String header(Operation op) {
        return op.kind + " " + op.context.getOrDefault(DbPlan.DATABASE, op.target) + " · " + op.environment;
    }

    @SuppressWarnings("unused")
    private static boolean ended(Operation op) {
        return !op.phase.active() || op.phase == Phase.PENDING && op.updatedAt.isBefore(Instant.EPOCH);
    }
}
