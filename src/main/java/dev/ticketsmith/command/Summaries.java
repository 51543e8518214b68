package dev.ticketsmith.command;

import java.util.Optional;

/** One-line, human descriptions of a resolved request, for replies and audit details. */
public final class Summaries {

    private Summaries() {
    }

    public static String of(ResolvedRequest request) {
        String env = request.environmentLabel() == null ? "" : " in " + request.environmentLabel();
        Command c = request.command();
        if (c instanceof Command.Promote p) {
            return "promote " + p.service() + p.artifact().map(a -> " to " + a).orElse(" from the pipeline's previous environment") + env
                    + reason(p.reason());
        }
        if (c instanceof Command.Rollback r) {
            return "roll back " + r.service() + r.toVersion().map(v -> " to " + v).orElse(" to the previous version")
                    + env + reason(r.reason());
        }
        if (c instanceof Command.Scale s && s.reset()) {
            return "end the scaling override of " + s.service() + env;
        }
        if (c instanceof Command.Scale s) {
            return "scale " + s.service() + " to min=" + s.min() + " max=" + s.max()
                    + s.duration().map(d -> " for " + Durations.format(d)).orElse("") + env + reason(s.reason());
        }
        if (c instanceof Command.Restore r) {
            return "restore " + r.database() + r.snapshot().map(x -> " from " + x).orElse(" from the newest backup") + env;
        }
        if (c instanceof Command.RestoreUndo u) {
            return "undo the cut-over of " + u.database() + u.operation().map(o -> " by restore " + o).orElse(" (latest restore)") + env;
        }
        if (c instanceof Command.RestoreTest t) {
            return "restore-test " + t.database() + env;
        }
        if (c instanceof Command.Backup b) {
            return "back up " + b.database() + env;
        }
        if (c instanceof Command.Lock l) {
            return "lock " + l.target() + l.duration().map(d -> " for " + Durations.format(d)).orElse("") + env
                    + reason(l.reason());
        }
        if (c instanceof Command.Unlock u) {
            return "unlock " + u.target() + env;
        }
        return c.verb() + (request.target() == null ? "" : " " + request.target()) + env;
    }

    private static String reason(String reason) {
        return Optional.ofNullable(reason).filter(r -> !r.isBlank()).map(r -> " (\"" + r + "\")").orElse("");
    }
}
