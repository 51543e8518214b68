package dev.ticketsmith.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.PgDumpSpec;
import dev.ticketsmith.jobs.JobHandler;
import dev.ticketsmith.jobs.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pgdump.backup}: {@code pg_dump -Fc} of a database streamed into its store, hashed (SHA-256)
 * on the way, then a small JSON manifest beside the archive, written last: an archive without its
 * manifest is not a backup. A new name for every attempt, so a repeated run never overwrites one.
 */
@ApplicationScoped
public class PgDumpBackupJob implements JobHandler {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final PgCredentials credentials;
    private final ArchiveStores stores;

    PgDumpBackupJob(Catalog catalog, PgCredentials credentials, ArchiveStores stores) {
        this.catalog = catalog;
        this.credentials = credentials;
        this.stores = stores;
    }

    @Override
    public String kind() {
        return "pgdump.backup";
    }

    @Override
    public Map<String, String> run(Map<String, String> params, JobProgress progress) throws Exception {
        String database = params.get("database");
        PgDumpSpec pg = catalog.database(database).orElseThrow().pgdump().orElseThrow();
        ArchiveStore store = stores.of(pg.store(), pg.kmsKey());
        PgTarget target = credentials.target(database);
        String name = params.get("name") + "-" + params.get("attempt") + ".dump";
        Instant started = Instant.now();
        progress.report("pg_dump of " + target + " into " + store.uri(name));
        ArchiveStore.Written written;
        try (PgProcess dump = PgProcess.start(List.of("pg_dump", "-Fc", "--no-password"), target,
                Duration.parse(params.getOrDefault("timeout", "PT2H")))) {
            written = store.write(name, dump.output());
            dump.await();
        } catch (Exception e) {
            store.delete(name);
            throw e;
        }
        Instant finished = Instant.now();
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("database", database);
        manifest.put("source", target.toString());
        manifest.put("archive", name);
        manifest.put("sha256", written.sha256());
        manifest.put("sizeBytes", Long.toString(written.sizeBytes()));
        manifest.put("startedAt", started.toString());
        manifest.put("finishedAt", finished.toString());
        manifest.put("format", "pg_dump -Fc");
        store.write(Manifests.of(name), new ByteArrayInputStream(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
        Map<String, String> result = new LinkedHashMap<>(manifest);
        result.put("location", store.uri(name));
        result.put("durationMs", Long.toString(Duration.between(started, finished).toMillis()));
        return result;
    }
}
