package dev.ticketsmith.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code slack_delivery} table: keys of Slack deliveries already handled, so a retried or
 * replayed request acts once, whichever replica gets it. Inserted in the caller's transaction.
 */
public final class DeliveryLedger {

    private DeliveryLedger() {
    }

    /** Inserts the keys in one statement and returns those that were not there before. */
    public static Set<String> insertNew(Connection c, Collection<String> keys) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (keys.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO slack_delivery (delivery_key) SELECT DISTINCT k FROM unnest(?) AS k"
                + " ON CONFLICT DO NOTHING RETURNING delivery_key")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }
}
