package dev.ticketsmith.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The newest backup's age against the RPO target, as a DR finding. */
final class BackupAge {

    private BackupAge() {
    }

    static PreflightCheck check(Optional<Instant> newest, Instant now, Duration rpo, String where) {
        if (newest.isEmpty()) {
            return PreflightCheck.failed("latest backup", "there is no backup " + where);
        }
        Duration age = Duration.between(newest.get(), now);
        String detail = Sizes.duration(age) + " old (RPO " + Sizes.duration(rpo) + ")";
        return age.compareTo(rpo) <= 0 ? PreflightCheck.ok("latest backup", detail)
                : PreflightCheck.failed("latest backup", detail + ": older than the RPO");
    }
}
