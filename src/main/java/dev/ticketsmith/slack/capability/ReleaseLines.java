package dev.ticketsmith.slack.capability;

import dev.ticketsmith.release.Release;
import dev.ticketsmith.slack.Blocks;

/** A release as people read it: version, how it came to run, who and when. */
final class ReleaseLines {

    private ReleaseLines() {
    }

    static String describe(Release r) {
        String how = switch (r.kind) {
            case Release.OBSERVED -> "running when first seen";
            case Release.ROLLBACK -> "rolled back to by " + Blocks.person(r.actorId);
            default -> "promoted by " + Blocks.person(r.actorId);
        };
        return "`" + Blocks.escape(r.version()) + "` (" + how + ", <!date^" + r.releasedAt.getEpochSecond() + "^{date_short} {time}|"
                + r.releasedAt + ">)";
    }
}
