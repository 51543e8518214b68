package dev.ticketsmith.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL database the bot backs up, restores and restore-tests, read from
 * {@code databases.<name>}. Exactly the block matching {@code provider} is present.
 *
 * @param name the database's key in the catalogue, as typed in commands
 * @param environment the environment it belongs to; its people decide on restores
 * @param provider how backups are taken and restored
 * @param rds the Amazon RDS instance (provider {@code rds})
 * @param pgdump the logical dump settings (provider {@code pgdump})
 * @param consumers the services whose connection secret is repointed at a restored database
 * @param restoreTest the scheduled restore test, if any
 */
public record DatabaseSpec(
        @MapKey String name,
        @Required String environment,
        @Required Provider provider,
        Optional<RdsSpec> rds,
        Optional<PgDumpSpec> pgdump,
        List<Consumer> consumers,
        Optional<RestoreTestSpec> restoreTest) {

    /** The backup and restore mechanism. */
    public enum Provider {
        /** Amazon RDS snapshots, restored to a new instance. */
        RDS,
        /** {@code pg_dump} archives in object storage or on disk, restored with {@code pg_restore}. */
        PGDUMP
    }

    /**
     * A service that reads the database's address from a Kubernetes Secret.
     *
     * @param service the consuming service (a key under {@code services})
     * @param secret the Secret in the environment's namespace
     * @param key the Secret's key that holds the host or URL
     */
    public record Consumer(@Required String service, @Required String secret, @Required String key) {
    }
}
