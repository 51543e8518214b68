package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.PgDumpSpec;
import dev.ticketsmith.jobs.JobHandler;
import dev.ticketsmith.jobs.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code pgdump.restore}: the archive is fetched from its store into a temporary file while its
 * SHA-256 is computed, and compared with the manifest's before anything else (a truncated or
 * altered archive is refused, and nothing is created); then a new database is created on the
 * source's server and filled by {@code pg_restore -j N}. Only databases named by TICKETSMITH
 * ({@code <database>_restored_…}, {@code <database>_rt_…}) are ever dropped, and only the one a
 * repeated attempt is about to fill again.
 */
@ApplicationScoped
public class PgRestoreJob implements JobHandler {

    static final Pattern OURS = Pattern.compile("[a-z0-9_]+_(restored|rt)_[0-9]{14}");

    private final Catalog catalog;
    private final PgCredentials credentials;
    private final ArchiveStores stores;

    PgRestoreJob(Catalog catalog, PgCredentials credentials, ArchiveStores stores) {
        this.catalog = catalog;
        this.credentials = credentials;
        this.stores = stores;
    }

    @Override
    public String kind() {
        return "pgdump.restore";
    }

    @Override
    public Map<String, String> run(Map<String, String> params, JobProgress progress) throws Exception {
        String database = params.get("database");
        String into = params.get("into");
        if (!OURS.matcher(into).matches()) {
            throw new IllegalArgumentException("will not restore into " + into + ": not a name TICKETSMITH gives");
        }
        PgDumpSpec pg = catalog.database(database).orElseThrow().pgdump().orElseThrow();
        ArchiveStore store = stores.of(pg.store(), pg.kmsKey());
        PgTarget source = credentials.target(database);
        Path file = Files.createTempFile("ticketsmith-restore-", ".dump");
        try {
            Instant fetching = Instant.now();
            progress.report("fetching " + store.uri(params.get("archive")) + " and checking its SHA-256");
            HashingStream hashing;
            try (InputStream in = store.open(params.get("archive")); OutputStream out = Files.newOutputStream(file)) {
                hashing = new HashingStream(in);
                hashing.transferTo(out);
            }
            if (!hashing.sha256().equals(params.get("sha256"))) {
                throw new IllegalStateException("the archive " + params.get("archive") + " is damaged: its SHA-256 is " + hashing.sha256()
                        + " (" + hashing.count() + " bytes), the manifest says " + params.get("sha256") + "; nothing was restored");
            }
            Instant restoring = Instant.now();
            createFresh(source, into);
            progress.report("pg_restore into " + source.on(into));
            try (PgProcess restore = PgProcess.start(List.of("pg_restore", "--no-owner", "--no-acl", "--no-password",
                    "-j", params.getOrDefault("jobs", "2"), "-d", into, file.toString()), source.on(into),
                    Duration.parse(params.getOrDefault("timeout", "PT2H")))) {
                restore.output().transferTo(OutputStream.nullOutputStream());
                restore.await();
            }
            Instant done = Instant.now();
            return Map.of("into", into, "target", source.on(into).toString(), "fetchMs", Long.toString(Duration.between(fetching, restoring).toMillis()),
                    "restoreMs", Long.toString(Duration.between(restoring, done).toMillis()), "sizeBytes", Long.toString(hashing.count()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Drops a database of ours a failed attempt left, then creates it empty. */
    private static void createFresh(PgTarget source, String name) throws Exception {
        try (Connection c = Databases.connect(source.on("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + name + "\"");
        }
    }
}
