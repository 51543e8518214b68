package dev.ticketsmith.ops.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The test catalogue's {@code ledger}: a real database {@code ts_ledger} on the local server, its store, and its copies. */
final class LedgerDatabase {

    static final String NAME = "ts_ledger";
    static final Path STORE = Path.of("/tmp/ticketsmith-test-backups/ledger");
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private LedgerDatabase() {
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database + "?user=postgres");
    }

    /** A fresh source database with {@code rows} accounts, an empty store, and no copies left from earlier runs. */
    static void create(int rows) throws SQLException, IOException {
        dropCopies();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + NAME);
        }
        try (Connection c = connect(NAME); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE INDEX accounts_name ON accounts (name)");
            s.execute("INSERT INTO accounts (name) SELECT 'account-' || g FROM generate_series(1, " + rows + ") g");
        }
        emptyStore();
    }

    static void emptyStore() throws IOException {
        if (Files.isDirectory(STORE)) {
            try (Stream<Path> files = Files.walk(STORE)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(STORE)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    static void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(String database) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The copies of ts_ledger on the server: scratch copies ({@code _rt_}) and restores ({@code _restored_}). */
    static List<String> copies(String kind) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + NAME + "\\_" + kind + "\\_%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static void dropCopies() throws SQLException {
        List<String> all = new ArrayList<>(copies("rt"));
        all.addAll(copies("restored"));
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            for (String name : all) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
    }

    /** The archives in the store, oldest first. */
    static List<Path> archives() throws IOException {
        if (!Files.isDirectory(STORE)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(STORE)) {
            return files.filter(p -> p.toString().endsWith(".dump")).sorted().toList();
        }
    }
}
