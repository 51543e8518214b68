package dev.ticketsmith.backup;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL server and database, and whom to connect as, from a JDBC URL
 * ({@code jdbc:postgresql://host:port/database?user=…}) and credentials given apart (a Secret) or
 * the standard libpq environment ({@code PGUSER}, {@code PGPASSWORD}). The password is only ever
 * handed to child processes through their environment, never on a command line or in a log.
 */
public record PgTarget(String host, int port, String database, String user, String password) {

    /** Reads the URL; explicit credentials win over the URL's, which win over PGUSER and PGPASSWORD. */
    public static PgTarget of(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        Map<String, String> query = query(uri.getRawQuery());
        String u = user != null ? user : query.getOrDefault("user", System.getenv("PGUSER"));
        String p = password != null ? password : query.getOrDefault("password", System.getenv("PGPASSWORD"));
        return new PgTarget(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().replaceFirst("^/", ""), u, p);
    }

    /** The same server, another database on it. */
    public PgTarget on(String otherDatabase) {
        return new PgTarget(host, port, otherDatabase, user, password);
    }

    /** The JDBC URL of this database (credentials apart). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The environment a libpq program needs to reach it. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGDATABASE", database);
        env.put("PGCONNECT_TIMEOUT", "10");
        if (user != null) {
            env.put("PGUSER", user);
        }
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    /** For people: host, port and database, never the password. */
    @Override
    public String toString() {
        return host + ":" + port + "/" + database;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }
}
