package dev.ticketsmith.backup;

import dev.ticketsmith.kube.Clusters;
import dev.ticketsmith.catalog.Catalog;
import dev.ticketsmith.catalog.DatabaseSpec;
import dev.ticketsmith.catalog.PgDumpSpec;
import io.fabric8.kubernetes.api.model.Secret;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Whom a database is reached as: the Kubernetes Secret {@code credentialsSecret} ({@code username},
 * {@code password}) in the database's environment namespace, or, without one, the URL's
 * {@code user}/{@code password} and the standard libpq environment. Read when needed and never
 * stored: job parameters carry the database's name, not its credentials.
 */
@ApplicationScoped
public class PgCredentials {

    private final Catalog catalog;
    private final Clusters clusters;

    PgCredentials(Catalog catalog, Clusters clusters) {
        this.catalog = catalog;
        this.clusters = clusters;
    }

    /** The server and database of a {@code pgdump} catalogue database, with its credentials. */
    public PgTarget target(String database) {
        DatabaseSpec db = catalog.database(database).orElseThrow(() -> new IllegalArgumentException("no database " + database));
        PgDumpSpec pg = db.pgdump().orElseThrow(() -> new IllegalArgumentException(database + " is not a pgdump database"));
        Optional<Login> login = login(db, pg.credentialsSecret());
        return PgTarget.of(pg.url(), login.map(Login::user).orElse(null), login.map(Login::password).orElse(null));
    }

    /** A restored copy of a catalogue database at an address, reached with the database's credentials. */
    public PgTarget copy(String database, CopyAddress address) {
        DatabaseSpec db = catalog.database(database).orElseThrow(() -> new IllegalArgumentException("no database " + database));
        if (db.pgdump().isPresent()) {
            return target(database).on(address.database());
        }
        Optional<Login> login = login(db, db.rds().flatMap(r -> r.credentialsSecret()));
        return new PgTarget(address.host(), address.port(), address.database(), login.map(Login::user).orElse(System.getenv("PGUSER")),
                login.map(Login::password).orElse(System.getenv("PGPASSWORD")));
    }

    private record Login(String user, String password) {
    }

    private Optional<Login> login(DatabaseSpec db, Optional<String> secretName) {
        if (secretName.isEmpty()) {
            return Optional.empty();
        }
        String namespace = catalog.environment(db.environment()).orElseThrow().kubeNamespace();
        Secret secret = clusters.client(namespace).secrets().inNamespace(Clusters.local(namespace)).withName(secretName.get()).get();
        if (secret == null || secret.getData() == null) {
            throw new IllegalStateException("Secret `" + secretName.get() + "` with username and password does not exist in `"
                    + namespace + "`");
        }
        Map<String, String> data = secret.getData();
        return Optional.of(new Login(decode(data.get("username")), decode(data.get("password"))));
    }

    private static String decode(String base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
