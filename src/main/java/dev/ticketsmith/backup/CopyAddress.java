package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.DatabaseSpec.Value;

import java.net.URI;

/**
 * Where a restored copy is reached: host, port and database name. Written into a consumer's Secret
 * in the form the consumer reads ({@link Value}); a URL keeps the query string (and, for
 * {@code url}, the user and password) of the value it replaces, so {@code sslmode} and friends survive
 * a cut-over.
 */
public record CopyAddress(String host, int port, String database) {

    /** The value a consumer's key gets, given what it held before (may be null). */
    public String render(Value value, String previous) {
        return switch (value) {
            case HOST -> host;
            case DATABASE -> database;
            case JDBC_URL -> "jdbc:postgresql://" + host + ":" + port + "/" + database + query(previous, "jdbc:postgresql://");
            case URL -> scheme(previous) + userInfo(previous) + host + ":" + port + "/" + database + query(previous, null);
        };
    }

    private static String query(String previous, String prefix) {
        if (previous == null || (prefix != null && !previous.startsWith(prefix))) {
            return "";
        }
        int q = previous.indexOf('?');
        return q < 0 ? "" : previous.substring(q);
    }

    private static String scheme(String previous) {
        return previous != null && previous.startsWith("postgres://") ? "postgres://" : "postgresql://";
    }

    private static String userInfo(String previous) {
        if (previous == null || !(previous.startsWith("postgresql://") || previous.startsWith("postgres://"))) {
            return "";
        }
        try {
            String raw = URI.create(previous).getRawUserInfo();
            return raw == null ? "" : raw + "@";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + database;
    }
}
