package dev.ticketsmith.db;

import dev.ticketsmith.config.DatabaseSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares PostgreSQL before anything else runs: creates the database when dev or test asks for it
 * (so {@code ./mvnw quarkus:dev} works on a fresh machine) and applies the Flyway migrations.
 */
@ApplicationScoped
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private volatile boolean ready;
    private static final Pattern JDBC_URL =
            Pattern.compile("^jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+)(\\?.*)?$");

    private final DatabaseSettings settings;
    private final Flyway flyway;
    private final String jdbcUrl;
    private final String username;
    private final Optional<String> password;

    DatabaseBootstrap(DatabaseSettings settings, Flyway flyway,
                      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                      @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String username,
                      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.settings = settings;
        this.flyway = flyway;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        if (settings.createIfMissing()) {
            createDatabaseIfMissing();
        }
        if (settings.migrateAtStart()) {
            var result = flyway.migrate();
            // the result says where the schema is: each flyway.info() would scan the migrations and read the history again
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.infof("Database schema at version %s (%d migrations applied now)", version == null ? "none" : version,
                    result.migrationsExecuted);
        }
        ready = true;
    }

    /** True once the database exists and its schema is migrated: scheduled jobs wait for it. */
    public boolean ready() {
        return ready;
    }

    private void createDatabaseIfMissing() throws SQLException {
        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            LOG.warnf("Not creating the database: cannot read a database name from the JDBC URL");
            return;
        }
        String server = "jdbc:postgresql://" + m.group(1) + "/postgres";
        String database = m.group(2);
        try (Connection c = DriverManager.getConnection(server, username, password.orElse(""));
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + database + "\"");
                LOG.infof("Created database %s", database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // another replica or test JVM created it first
                    throw e;
                }
            }
        }
    }
}
