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
 * @param rpo the recovery point objective: the latest backup may be this old at most (DR status);
 *            without it, the restore test's {@code rpo}, else 24 hours
 * @param cutoverApproval whether a restore asks for the environment's approvals a second time,
 *                        after validation and before the consumers are repointed
 */
public record DatabaseSpec(
        @MapKey String name,
        @Required String environment,
        @Required Provider provider,
        Optional<RdsSpec> rds,
        Optional<PgDumpSpec> pgdump,
        List<Consumer> consumers,
        Optional<RestoreTestSpec> restoreTest,
        Optional<java.time.Duration> rpo,
        @Default("false") boolean cutoverApproval) {

    /** The RPO target DR status holds the latest backup to. */
    public java.time.Duration rpoTarget() {
        return rpo.or(() -> restoreTest.flatMap(RestoreTestSpec::rpo)).orElse(java.time.Duration.ofHours(24));
    }

    /** Where DR news about this database goes: its restore test's channel, else none (the environment's). */
    public Optional<String> reportChannel() {
        return restoreTest.map(RestoreTestSpec::channel);
    }

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
     * @param value what the key holds; empty means {@code jdbc-url} for {@code pgdump} and
     *              {@code host} for {@code rds}
     */
    public record Consumer(@Required String service, @Required String secret, @Required String key, Optional<Value> value) {

        /** The form of the address a consumer reads, for a provider's default. */
        public Value valueFor(Provider provider) {
            return value.orElse(provider == Provider.RDS ? Value.HOST : Value.JDBC_URL);
        }
    }

    /** What a consumer's Secret key holds. */
    public enum Value {
        /** {@code jdbc:postgresql://host:port/database}, keeping the previous value's query string. */
        JDBC_URL,
        /** The host name alone. */
        HOST,
        /** The database name alone. */
        DATABASE,
        /** {@code postgresql://host:port/database}, keeping the previous value's user, password and query. */
        URL
    }
}
