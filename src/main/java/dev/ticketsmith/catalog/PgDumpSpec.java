package dev.ticketsmith.catalog;

import java.util.Optional;

/**
 * A PostgreSQL database backed up with {@code pg_dump}.
 *
 * @param url the JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param credentialsSecret the Kubernetes Secret holding {@code username} and {@code password}
 * @param store where archives are kept: {@code s3://bucket/prefix/} or {@code file:///path/}
 * @param kmsKey the KMS key (id, ARN or alias) archives in S3 are encrypted with
 */
public record PgDumpSpec(
        @Required String url,
        Optional<String> credentialsSecret,
        @Required String store,
        Optional<String> kmsKey) {
}
