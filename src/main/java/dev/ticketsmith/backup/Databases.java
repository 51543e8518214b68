package dev.ticketsmith.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** JDBC connections to the databases backups are taken of and restored into, with bounded waits. */
public final class Databases {

    private Databases() {
    }

    public static Connection connect(PgTarget target) throws SQLException {
        Properties props = new Properties();
        if (target.user() != null) {
            props.setProperty("user", target.user());
        }
        if (target.password() != null) {
            props.setProperty("password", target.password());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "300");
        props.setProperty("ApplicationName", "ticketsmith");
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }

    /** Drops a database TICKETSMITH made (a restore test's scratch copy); refuses any other name. */
    public static void dropOurs(PgTarget server, String name) throws SQLException {
        if (!PgRestoreJob.OURS.matcher(name).matches()) {
            throw new IllegalArgumentException("will not drop " + name + ": not a name TICKETSMITH gives");
        }
        try (Connection c = connect(server.on("postgres")); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }
}
