package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.RdsSpec;
import dev.ticketsmith.dr.EncryptionChecks;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import dev.ticketsmith.rds.AwsFailure;
import dev.ticketsmith.rds.ConfigDrift;
import dev.ticketsmith.rds.DbInstance;
import dev.ticketsmith.rds.InstanceWait;
import dev.ticketsmith.rds.NotScratchException;
import dev.ticketsmith.rds.RdsInstances;
import dev.ticketsmith.rds.RdsPreflight;
import dev.ticketsmith.rds.RdsSnapshots;
import dev.ticketsmith.rds.RdsTags;
import dev.ticketsmith.rds.RestoreOverrides;
import dev.ticketsmith.rds.RestoreSpec;
import dev.ticketsmith.rds.Snapshot;
import dev.ticketsmith.rds.SnapshotWait;
import dev.ticketsmith.rds.WaitResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code rds}: snapshots ({@code CreateDBSnapshot}), the newest available snapshot, automated or
 * manual, or the latest restorable time ({@code from pitr}), restored into a new instance with every
 * setting a restore does not copy set explicitly (from the source unless the catalogue says
 * otherwise; scratch copies single-AZ and unprotected), tagged with the operation. Waits are one
 * describe per tick within {@code restoreTimeout}; throttling makes them longer, never failed. Only
 * instances tagged as restore-test scratch copies are ever deleted.
 */
@ApplicationScoped
public class RdsProvider implements DatabaseProvider {

    /** What {@code restore <db> from pitr} names: the latest restorable time. */
    public static final String POINT_IN_TIME = "pitr";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final String BACKUP_STARTED = "backup.startedAt";

    private final RdsInstances instances;
    private final RdsSnapshots snapshots;
    private final RdsPreflight preflight;
    private final EncryptionChecks encryption;
    private final BackupLedger ledger;

    RdsProvider(RdsInstances instances, RdsSnapshots snapshots, RdsPreflight preflight, EncryptionChecks encryption, BackupLedger ledger) {
        this.instances = instances;
        this.snapshots = snapshots;
        this.preflight = preflight;
        this.encryption = encryption;
        this.ledger = ledger;
    }

    @Override
    public DatabaseSpec.Provider kind() {
        return DatabaseSpec.Provider.RDS;
    }

    private static RdsSpec rds(DatabaseSpec db) {
        return db.rds().orElseThrow();
    }

    /** Runs an AWS call; throttling and transient failures become a longer wait, the rest stays an {@link AwsFailure}. */
    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsFailure f) {
            if (f.retryLater()) {
                throw new ProviderThrottled(f.getMessage(), f);
            }
            throw f;
        }
    }

    private static int throttled(StepContext ctx) {
        return Integer.parseInt(ctx.handle(RestoreHandles.THROTTLED).orElse("0"));
    }

    /** A wait's answer as a step's: pending waits, throttled waits longer, the rest fails. */
    private static <T> StepResult waiting(WaitResult<T> result, String what) {
        if (result instanceof WaitResult.Pending<T> p) {
            return StepResult.waitFor(p.recheckIn(), what + ": " + p.status());
        }
        if (result instanceof WaitResult.Throttled<T> t) {
            throw new ProviderThrottled(t.reason(), null);
        }
        if (result instanceof WaitResult.TimedOut<T> t) {
            return StepResult.fail(t.message());
        }
        return StepResult.fail(((WaitResult.Failed<T>) result).message());
    }

    @Override
    public StepResult backup(StepContext ctx, DatabaseSpec db, String trigger) {
        String id = rds(db).instance() + "-ts-" + STAMP.format(ctx.createdAt());
        if (ctx.handle(RestoreHandles.BACKUP_JOB).isEmpty()) {
            try {
                call(() -> snapshots.createSnapshot(rds(db).instance(), id, Map.of(RdsTags.OPERATION, ctx.operationId(), RdsTags.PURPOSE, "backup")));
            } catch (AwsFailure f) {
                return StepResult.fail(f.getMessage());
            }
            ctx.putHandle(RestoreHandles.BACKUP_JOB, id);
            ctx.putHandle(BACKUP_STARTED, ctx.now().toString());
            return StepResult.waitFor(Duration.ofSeconds(30), "snapshot " + id + " requested");
        }
        WaitResult<Snapshot> result = new SnapshotWait(snapshots).check(id, Instant.parse(ctx.handle(BACKUP_STARTED).orElseThrow()),
                rds(db).restoreTimeout(), ctx.now(), throttled(ctx));
        if (!(result instanceof WaitResult.Available<Snapshot> available)) {
            return waiting(result, "snapshot " + id);
        }
        Snapshot snapshot = available.value();
        BackupRef taken = ref(snapshot);
        if (ctx.handle(RestoreHandles.BACKUP_RECORDED).isEmpty()) {
            Instant started = Instant.parse(ctx.handle(BACKUP_STARTED).orElseThrow());
            ledger.record(db.name(), db.environment(), "rds", taken, started, UUID.fromString(ctx.operationId()), trigger);
            taken.toHandles(RestoreHandles.TAKEN).forEach(ctx::putHandle);
            ctx.putHandle(RestoreHandles.BACKUP_RECORDED, ctx.now().toString());
            ctx.putHandle("taken.durationMs", Long.toString(Duration.between(started, ctx.now()).toMillis()));
        }
        return StepResult.done("snapshot " + id + " available (" + snapshot.allocatedStorage() + " GiB allocated, "
                + (snapshot.encrypted() ? "encrypted" : "NOT encrypted") + ")");
    }

    private static BackupRef ref(Snapshot s) {
        Instant created = s.createTime() == null ? Instant.now() : s.createTime();
        return new BackupRef(s.id(), s.arn() == null ? s.id() : s.arn(), null,
                s.allocatedStorage() == null ? null : s.allocatedStorage() * GIB, created, s.databaseTime());
    }

    @Override
    public List<BackupRef> backups(DatabaseSpec db) {
        return call(() -> snapshots.latestSnapshot(rds(db).instance())).map(RdsProvider::ref).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<BackupRef> find(DatabaseSpec db, String id) {
        if (POINT_IN_TIME.equalsIgnoreCase(id)) {
            DbInstance source = call(() -> instances.instance(rds(db).instance())).orElseThrow(() -> missingSource(db));
            if (source.latestRestorableTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new BackupRef(POINT_IN_TIME, "point in time " + source.latestRestorableTime(), null,
                    source.allocatedStorage() == null ? null : source.allocatedStorage() * GIB, source.latestRestorableTime(),
                    source.latestRestorableTime()));
        }
        return call(() -> snapshots.snapshot(id)).filter(Snapshot::available).map(RdsProvider::ref);
    }

    private static IllegalStateException missingSource(DatabaseSpec db) {
        return new IllegalStateException("the RDS instance " + rds(db).instance() + " does not exist");
    }

    @Override
    public String copyName(DatabaseSpec db, Instant at, boolean scratch) {
        String suffix = (scratch ? "-rt-" : "-restored-") + STAMP.format(at);
        String base = rds(db).instance();
        base = base.substring(0, Math.min(base.length(), 63 - suffix.length())).replaceAll("-+$", "");
        return base + suffix;
    }

    private RestoreOverrides overrides(DatabaseSpec db, boolean scratch) {
        RdsSpec r = rds(db);
        return new RestoreOverrides(r.instanceClass(), r.parameterGroup(), r.optionGroup(),
                r.securityGroups().isEmpty() ? Optional.empty() : Optional.of(r.securityGroups()), r.subnetGroup(),
                scratch ? Optional.of(false) : r.multiAz(), scratch ? Optional.of(false) : r.deletionProtection());
    }

    private RestoreSpec spec(StepContext ctx, DatabaseSpec db, DbInstance source, BackupRef from, String copy, boolean scratch) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(RdsTags.OPERATION, ctx == null ? "preflight" : ctx.operationId());
        tags.put(RdsTags.PURPOSE, scratch ? RdsTags.RESTORE_TEST : RdsTags.RESTORE);
        tags.put("ticketsmith:database", db.name());
        return RestoreSpec.inheritedFrom(source, POINT_IN_TIME.equals(from.id()) ? null : from.id(), copy, overrides(db, scratch), tags);
    }

    @Override
    public List<PreflightCheck> preflight(DatabaseSpec db, BackupRef from, String copyName, boolean scratch) {
        List<PreflightCheck> checks = new ArrayList<>();
        Optional<DbInstance> source = call(() -> instances.instance(rds(db).instance()));
        if (source.isEmpty()) {
            return List.of(PreflightCheck.failed("source", "the RDS instance " + rds(db).instance() + " does not exist"));
        }
        checks.add(call(() -> instances.instance(copyName)).isPresent() ? PreflightCheck.failed("new instance", copyName + " already exists")
                : PreflightCheck.ok("new instance", copyName + " is free"));
        Optional<String> key = rds(db).kmsKey().or(() -> Optional.ofNullable(source.get().kmsKeyId()));
        for (var check : call(() -> preflight.check(spec(null, db, source.get(), from, copyName, scratch), key)).checks()) {
            checks.add(switch (check.outcome()) {
                case OK -> PreflightCheck.ok(check.name(), check.detail());
                case FAILED -> PreflightCheck.failed(check.name(), check.detail());
                case UNKNOWN -> PreflightCheck.unknown(check.name(), check.detail());
            });
        }
        return checks;
    }

    @Override
    public Map<String, String> explicitSettings(DatabaseSpec db, boolean scratch) {
        RdsSpec r = rds(db);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("instance class", r.instanceClass().orElse("the source's"));
        s.put("parameter group", r.parameterGroup().orElse("the source's"));
        s.put("option group", r.optionGroup().orElse("the source's"));
        s.put("security groups", r.securityGroups().isEmpty() ? "the source's" : String.join(", ", r.securityGroups()));
        s.put("subnet group", r.subnetGroup().orElse("the source's"));
        s.put("Multi-AZ", scratch ? "off (scratch copy)" : r.multiAz().map(b -> b ? "on" : "off").orElse("the source's"));
        s.put("deletion protection", scratch ? "off (scratch copy)" : r.deletionProtection().map(b -> b ? "on" : "off").orElse("the source's"));
        s.put("CA certificate", "the source's");
        s.put("publicly accessible", "no");
        s.put("tags", "ticketsmith:operation, ticketsmith:purpose=" + (scratch ? RdsTags.RESTORE_TEST : RdsTags.RESTORE));
        return s;
    }

    @Override
    public StepResult provision(StepContext ctx, DatabaseSpec db, BackupRef from, String copyName, boolean scratch) {
        if (ctx.handle(RestoreHandles.PROVISION_JOB).isEmpty()) {
            try {
                DbInstance source = call(() -> instances.instance(rds(db).instance())).orElseThrow(() -> missingSource(db));
                RestoreSpec spec = spec(ctx, db, source, from, copyName, scratch);
                if (POINT_IN_TIME.equals(from.id())) {
                    call(() -> {
                        instances.restoreToPointInTime(spec, Optional.ofNullable(from.dataTime()));
                        return null;
                    });
                } else {
                    call(() -> {
                        instances.restoreFromSnapshot(spec);
                        return null;
                    });
                }
            } catch (AwsFailure f) {
                return StepResult.fail(f.getMessage());
            }
            ctx.putHandle(RestoreHandles.PROVISION_JOB, copyName);
            return StepResult.waitFor(Duration.ofSeconds(30), "restore of " + copyName + " requested");
        }
        Instant started = Instant.parse(ctx.handle("time.provisionStartedAt").orElse(ctx.now().toString()));
        WaitResult<DbInstance> result = new InstanceWait(instances).check(copyName, started, rds(db).restoreTimeout(), ctx.now(), throttled(ctx));
        if (!(result instanceof WaitResult.Available<DbInstance> available)) {
            return waiting(result, copyName);
        }
        DbInstance copy = available.value();
        ctx.putHandle(RestoreHandles.COPY_HOST, copy.endpointAddress());
        ctx.putHandle(RestoreHandles.COPY_PORT, Integer.toString(copy.endpointPort() == null ? 5432 : copy.endpointPort()));
        ctx.putHandle(RestoreHandles.COPY_DATABASE, rds(db).database());
        ctx.putHandle(RestoreHandles.PROVISION_MS, Long.toString(Duration.between(started, ctx.now()).toMillis()));
        return StepResult.done(copyName + " available at " + copy.endpointAddress() + " after " + Sizes.duration(Duration.between(started, ctx.now())));
    }

    @Override
    public CopyAddress address(StepContext ctx, DatabaseSpec db, String copyName) {
        return new CopyAddress(ctx.handle(RestoreHandles.COPY_HOST).orElseThrow(), Integer.parseInt(ctx.handle(RestoreHandles.COPY_PORT).orElseThrow()),
                ctx.handle(RestoreHandles.COPY_DATABASE).orElse(rds(db).database()));
    }

    @Override
    public CopyAddress current(DatabaseSpec db) {
        DbInstance source = call(() -> instances.instance(rds(db).instance())).orElseThrow(() -> missingSource(db));
        return new CopyAddress(source.endpointAddress(), source.endpointPort() == null ? 5432 : source.endpointPort(), rds(db).database());
    }

    @Override
    public StepResult removeScratch(StepContext ctx, DatabaseSpec db, String copyName) {
        Optional<DbInstance> copy = call(() -> instances.instance(copyName));
        if (copy.isEmpty()) {
            return StepResult.done(copyName + " deleted");
        }
        if (!"deleting".equals(copy.get().status())) {
            try {
                call(() -> {
                    instances.deleteScratch(copyName);
                    return null;
                });
            } catch (NotScratchException e) {
                return StepResult.fail(e.getMessage());
            } catch (AwsFailure f) {
                return StepResult.fail(f.getMessage());
            }
        }
        return StepResult.waitFor(Duration.ofSeconds(30), copyName + " deleting");
    }

    @Override
    public Map<String, Instant> scratchCopies(DatabaseSpec db) {
        Map<String, Instant> copies = new LinkedHashMap<>();
        String prefix = rds(db).instance() + "-rt-";
        for (DbInstance i : call(instances::scratchInstances)) {
            if (i.id().startsWith(prefix) && !"deleting".equals(i.status())) {
                copies.put(i.id(), i.instanceCreateTime() == null ? Instant.EPOCH : i.instanceCreateTime());
            }
        }
        return copies;
    }

    @Override
    public void removeLeftover(DatabaseSpec db, String copyName) {
        call(() -> {
            instances.deleteScratch(copyName);
            return null;
        });
    }

    @Override
    public List<DriftRow> drift(StepContext ctx, DatabaseSpec db, String copyName) {
        Optional<DbInstance> source = call(() -> instances.instance(rds(db).instance()));
        Optional<DbInstance> copy = call(() -> instances.instance(copyName));
        if (source.isEmpty() || copy.isEmpty()) {
            return List.of();
        }
        return ConfigDrift.between(source.get(), copy.get()).rows().stream()
                .map(r -> new DriftRow(r.setting(), r.source(), r.restored(), r.differs())).toList();
    }

    @Override
    public List<PreflightCheck> drChecks(DatabaseSpec db, Instant now) {
        List<PreflightCheck> checks = new ArrayList<>();
        Optional<DbInstance> found;
        try {
            found = call(() -> instances.instance(rds(db).instance()));
        } catch (RuntimeException e) {
            return List.of(PreflightCheck.unknown("instance", "could not be read: " + e.getMessage()));
        }
        if (found.isEmpty()) {
            return List.of(PreflightCheck.failed("instance", rds(db).instance() + " does not exist"));
        }
        DbInstance source = found.get();
        Optional<Instant> latest = call(() -> snapshots.latestSnapshot(rds(db).instance())).map(s -> s.createTime());
        checks.add(BackupAge.check(latest, now, db.rpoTarget(), "of " + source.id()));
        int retention = source.backupRetentionPeriod() == null ? 0 : source.backupRetentionPeriod();
        checks.add(retention > 0 ? PreflightCheck.ok("automated backups", "kept " + retention + " days")
                : PreflightCheck.failed("automated backups", "off (retention 0): no point-in-time restore"));
        if (source.latestRestorableTime() != null) {
            Duration lag = Duration.between(source.latestRestorableTime(), now);
            String detail = "latest restorable time " + Sizes.duration(lag) + " ago (true RPO; target " + Sizes.duration(db.rpoTarget()) + ")";
            checks.add(lag.compareTo(db.rpoTarget()) <= 0 ? PreflightCheck.ok("point in time", detail) : PreflightCheck.failed("point in time", detail));
        }
        if (!source.storageEncrypted()) {
            checks.add(PreflightCheck.failed("encryption", "storage is not encrypted"));
        } else {
            var key = encryption.key(source.kmsKeyId());
            checks.add(StoreEncryption.of("encryption", key.status(), "storage encrypted; " + key.detail()));
            rds(db).kmsKey().filter(k -> !k.startsWith("alias/") && !source.kmsKeyId().endsWith(k) && !k.equals(source.kmsKeyId()))
                    .ifPresent(k -> checks.add(PreflightCheck.failed("key", "encrypted with " + source.kmsKeyId() + ", not the configured " + k)));
        }
        return checks;
    }

    @Override
    public Optional<Double> pricePerHour(DatabaseSpec db) {
        return rds(db).pricePerHour();
    }
}
