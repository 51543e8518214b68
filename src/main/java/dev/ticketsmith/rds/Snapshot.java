package dev.ticketsmith.rds;

import software.amazon.awssdk.services.rds.model.DBSnapshot;

import java.time.Instant;

/**
 * An RDS DB snapshot. {@code type} is {@code manual} or {@code automated}; {@code createTime} is
 * null until RDS has started it; {@code percentProgress} runs from 0 to 100 while it is created;
 * {@code databaseTime} is the time of the data it holds ({@code SnapshotDatabaseTime}, else its creation).
 */
public record Snapshot(String id, String instanceId, String status, String type, Instant createTime, int percentProgress,
        boolean encrypted, String kmsKeyId, String engine, String engineVersion, Integer allocatedStorage, String arn,
        Instant databaseTime) {

    static Snapshot from(DBSnapshot s) {
        return new Snapshot(s.dbSnapshotIdentifier(), s.dbInstanceIdentifier(), s.status(), s.snapshotType(),
                s.snapshotCreateTime(), s.percentProgress() == null ? 0 : s.percentProgress(), Boolean.TRUE.equals(s.encrypted()),
                s.kmsKeyId(), s.engine(), s.engineVersion(), s.allocatedStorage(), s.dbSnapshotArn(),
                s.snapshotDatabaseTime() != null ? s.snapshotDatabaseTime() : s.snapshotCreateTime());
    }

    public boolean available() {
        return "available".equals(status);
    }
}
