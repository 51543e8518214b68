package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.PgDumpSpec;
import dev.ticketsmith.jobs.Jobs;
import dev.ticketsmith.ops.engine.StepContext;
import dev.ticketsmith.ops.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code pgdump}: archives made by {@code pg_dump -Fc} in a store, restored by {@code pg_restore -j N}
 * into a new database on the source's server. Dumps, restores and validation packs run as
 * {@link Jobs}; a restore checks the archive's SHA-256 before it creates anything.
 */
@ApplicationScoped
public class PgDumpProvider implements DatabaseProvider {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ARCHIVE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Jobs jobs;
    private final ArchiveStores stores;
    private final PgCredentials credentials;
    private final BackupLedger ledger;
    private final StoreEncryption encryption;

    PgDumpProvider(Jobs jobs, ArchiveStores stores, PgCredentials credentials, BackupLedger ledger, StoreEncryption encryption) {
        this.jobs = jobs;
        this.stores = stores;
        this.credentials = credentials;
        this.ledger = ledger;
        this.encryption = encryption;
    }

    @Override
    public DatabaseSpec.Provider kind() {
        return DatabaseSpec.Provider.PGDUMP;
    }

    private static PgDumpSpec pg(DatabaseSpec db) {
        return db.pgdump().orElseThrow();
    }

    ArchiveStore store(DatabaseSpec db) {
        return stores.of(pg(db).store(), pg(db).kmsKey());
    }

    @Override
    public StepResult backup(StepContext ctx, DatabaseSpec db, String trigger) {
        return JobWait.run(ctx, jobs, RestoreHandles.BACKUP_JOB, () -> jobs.submit("pgdump.backup", Map.of("database", db.name(), "operation", ctx.operationId(),
                "name", pg(db).databaseName() + "-" + ARCHIVE_STAMP.format(ctx.createdAt()), "timeout", pg(db).timeout().toString())), job -> {
            BackupRef taken = fromManifest(store(db), job.result());
            if (ctx.handle(RestoreHandles.BACKUP_RECORDED).isEmpty()) {
                ledger.record(db.name(), db.environment(), "pgdump", taken, Instant.parse(job.result().get("startedAt")),
                        UUID.fromString(ctx.operationId()), trigger);
                taken.toHandles(RestoreHandles.TAKEN).forEach(ctx::putHandle);
                ctx.putHandle(RestoreHandles.BACKUP_RECORDED, ctx.now().toString());
                ctx.putHandle("taken.durationMs", job.result().get("durationMs"));
            }
            return StepResult.done("archive " + taken.id() + ": " + Sizes.bytes(taken.sizeBytes()) + " in "
                    + Sizes.millis(JobWait.millis(job.result(), "durationMs")) + ", SHA-256 " + taken.sha256().substring(0, 16) + "…");
        });
    }

    /** A backup as its manifest describes it; the archive's name without {@code .dump} is its id. */
    private static BackupRef fromManifest(ArchiveStore store, Map<String, String> manifest) {
        String archive = manifest.get("archive");
        return new BackupRef(archive.replaceFirst("\\.dump$", ""), store.uri(archive), manifest.get("sha256"),
                Long.parseLong(manifest.get("sizeBytes")), Instant.parse(manifest.get("finishedAt")), Instant.parse(manifest.get("startedAt")));
    }

    @Override
    public List<BackupRef> backups(DatabaseSpec db) {
        ArchiveStore store = store(db);
        try {
            List<BackupRef> refs = new ArrayList<>();
            for (Map<String, String> manifest : Manifests.list(store)) {
                refs.add(fromManifest(store, manifest));
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException("the store " + pg(db).store() + " could not be listed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<BackupRef> find(DatabaseSpec db, String id) {
        String bare = id.replaceFirst("\\.(dump|json)$", "");
        return backups(db).stream().filter(b -> b.id().equals(bare) || b.location().equals(id)).findFirst();
    }

    /** Deletes all but the newest {@code keep} archives (and their manifests); returns the locations removed. */
    public List<String> prune(DatabaseSpec db, int keep) throws IOException {
        ArchiveStore store = store(db);
        List<BackupRef> all = backups(db);
        List<String> removed = new ArrayList<>();
        for (BackupRef old : all.subList(Math.min(keep, all.size()), all.size())) {
            store.delete(Manifests.of(old.id() + ".dump"));
            store.delete(old.id() + ".dump");
            removed.add(old.location());
        }
        return removed;
    }

    @Override
    public String copyName(DatabaseSpec db, Instant at, boolean scratch) {
        String base = pg(db).databaseName().toLowerCase().replaceAll("[^a-z0-9_]", "_");
        String suffix = (scratch ? "_rt_" : "_restored_") + STAMP.format(at);
        return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }

    @Override
    public List<PreflightCheck> preflight(DatabaseSpec db, BackupRef from, String copyName, boolean scratch) {
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(from.sha256() == null ? PreflightCheck.failed("archive", "the manifest of " + from.id() + " has no SHA-256")
                : PreflightCheck.ok("archive", from.id() + " with its manifest (SHA-256 " + from.sha256().substring(0, 16) + "…)"));
        try {
            long free = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).getUsableSpace();
            long need = from.sizeBytes() == null ? 0 : from.sizeBytes();
            checks.add(free > need ? PreflightCheck.ok("local space", Sizes.bytes(free) + " free for the " + Sizes.bytes(need) + " archive")
                    : PreflightCheck.failed("local space", "only " + Sizes.bytes(free) + " free in " + System.getProperty("java.io.tmpdir")
                    + " for the " + Sizes.bytes(need) + " archive"));
        } catch (IOException e) {
            checks.add(PreflightCheck.unknown("local space", e.getMessage()));
        }
        PgTarget server = credentials.target(db.name());
        try (Connection c = Databases.connect(server.on("postgres"))) {
            checks.add(createdb(c, server));
            checks.add(nameFree(c, copyName));
            checks.add(versions(c));
        } catch (SQLException e) {
            checks.add(PreflightCheck.failed("server", "cannot connect to " + server.on("postgres") + ": " + e.getMessage()));
        }
        return checks;
    }

    private static PreflightCheck createdb(Connection c, PgTarget server) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user");
             ResultSet rs = s.executeQuery()) {
            boolean may = rs.next() && rs.getBoolean(1);
            return may ? PreflightCheck.ok("server", server.on("postgres") + " reachable; the role may create databases")
                    : PreflightCheck.failed("server", "the role on " + server + " may not create databases (needs CREATEDB)");
        }
    }

    private static PreflightCheck nameFree(Connection c, String copyName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, copyName);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? PreflightCheck.failed("new database", copyName + " already exists")
                        : PreflightCheck.ok("new database", copyName + " is free");
            }
        }
    }

    /** pg_restore must be no older than the server it restores into. */
    private static PreflightCheck versions(Connection c) throws SQLException {
        int server;
        try (PreparedStatement s = c.prepareStatement("SHOW server_version_num"); ResultSet rs = s.executeQuery()) {
            rs.next();
            server = Integer.parseInt(rs.getString(1)) / 10000;
        }
        Optional<Integer> client = PgProcess.majorVersion("pg_restore");
        if (client.isEmpty()) {
            return PreflightCheck.failed("client", "pg_restore is not installed here");
        }
        return client.get() >= server ? PreflightCheck.ok("client", "pg_restore " + client.get() + " for server " + server)
                : PreflightCheck.failed("client", "pg_restore " + client.get() + " is older than the server (" + server + ")");
    }

    @Override
    public Map<String, String> explicitSettings(DatabaseSpec db, boolean scratch) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server", credentials.target(db.name()).on("postgres").toString().replaceFirst("/postgres$", ""));
        settings.put("pg_restore", "-j " + pg(db).jobs() + " --no-owner --no-acl");
        settings.put("checksum", "SHA-256 checked before anything is created");
        return settings;
    }

    @Override
    public StepResult provision(StepContext ctx, DatabaseSpec db, BackupRef from, String copyName, boolean scratch) {
        return JobWait.run(ctx, jobs, RestoreHandles.PROVISION_JOB, () -> jobs.submit("pgdump.restore", Map.of("database", db.name(), "operation", ctx.operationId(),
                "into", copyName, "archive", from.id() + ".dump", "sha256", from.sha256(), "jobs", Integer.toString(pg(db).jobs()),
                "timeout", pg(db).timeout().toString())), job -> {
            PgTarget server = credentials.target(db.name());
            ctx.putHandle(RestoreHandles.COPY_HOST, server.host());
            ctx.putHandle(RestoreHandles.COPY_PORT, Integer.toString(server.port()));
            ctx.putHandle(RestoreHandles.COPY_DATABASE, copyName);
            ctx.putHandle(RestoreHandles.PROVISION_MS, job.result().get("fetchMs"));
            ctx.putHandle(RestoreHandles.RESTORE_MS, job.result().get("restoreMs"));
            return StepResult.done(copyName + " restored from " + from.id() + " (checksum verified; fetch "
                    + Sizes.millis(JobWait.millis(job.result(), "fetchMs")) + ", pg_restore " + Sizes.millis(JobWait.millis(job.result(), "restoreMs")) + ")");
        });
    }

    @Override
    public CopyAddress address(StepContext ctx, DatabaseSpec db, String copyName) {
        return new CopyAddress(ctx.handle(RestoreHandles.COPY_HOST).orElseThrow(),
                Integer.parseInt(ctx.handle(RestoreHandles.COPY_PORT).orElseThrow()), copyName);
    }

    @Override
    public CopyAddress current(DatabaseSpec db) {
        PgTarget t = PgTarget.of(pg(db).url(), null, null);
        return new CopyAddress(t.host(), t.port(), t.database());
    }

    @Override
    public StepResult removeScratch(StepContext ctx, DatabaseSpec db, String copyName) {
        removeLeftover(db, copyName);
        return StepResult.done(copyName + " dropped");
    }

    @Override
    public Map<String, Instant> scratchCopies(DatabaseSpec db) {
        PgTarget server = credentials.target(db.name());
        String prefix = copyName(db, Instant.EPOCH, true).replaceFirst("[0-9]{14}$", "");
        Map<String, Instant> copies = new LinkedHashMap<>();
        try (Connection c = Databases.connect(server.on("postgres"));
             PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            s.setString(1, prefix);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String stamp = name.substring(prefix.length());
                    if (stamp.matches("[0-9]{14}")) {
                        copies.put(name, LocalDateTime.parse(stamp, DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).toInstant(ZoneOffset.UTC));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the databases on " + server.on("postgres") + " could not be listed: " + e.getMessage(), e);
        }
        return copies;
    }

    @Override
    public void removeLeftover(DatabaseSpec db, String copyName) {
        try {
            Databases.dropOurs(credentials.target(db.name()), copyName);
        } catch (SQLException e) {
            throw new IllegalStateException(copyName + " could not be dropped: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DriftRow> drift(StepContext ctx, DatabaseSpec db, String copyName) {
        return List.of();
    }

    @Override
    public List<PreflightCheck> drChecks(DatabaseSpec db, Instant now) {
        List<PreflightCheck> checks = new ArrayList<>();
        try {
            Optional<BackupRef> newest = backups(db).stream().findFirst();
            checks.add(BackupAge.check(newest.map(BackupRef::takenAt), now, db.rpoTarget(), "in " + pg(db).store()));
        } catch (RuntimeException e) {
            checks.add(PreflightCheck.failed("latest backup", "the store could not be read: " + e.getMessage()));
        }
        checks.add(pg(db).backup().map(b -> PreflightCheck.ok("schedule", "dumps on `" + b.schedule() + "`, keeping the newest " + b.keep()))
                .orElse(PreflightCheck.failed("schedule", "no `pgdump.backup.schedule`: nothing takes backups unless someone asks")));
        checks.addAll(encryption.store(pg(db).store(), pg(db).kmsKey()));
        return checks;
    }

    @Override
    public Optional<Double> pricePerHour(DatabaseSpec db) {
        return pg(db).pricePerHour();
    }
}
