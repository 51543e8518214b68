package dev.ticketsmith.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An Amazon RDS for PostgreSQL instance and how to bring up a restored copy of it.
 *
 * @param instance the DB instance identifier
 * @param instanceClass the class for restored copies, such as {@code db.r6g.large}; empty keeps the source's
 * @param subnetGroup the DB subnet group for restored copies
 * @param securityGroups the VPC security group ids for restored copies
 * @param pricePerHour the hourly price of a restored copy in US dollars, for the cost line of reports
 * @param parameterGroup the DB parameter group of restored copies; empty takes the source's
 * @param optionGroup the option group of restored copies; empty takes the source's
 * @param multiAz whether restored copies are Multi-AZ; empty takes the source's (restore tests: single-AZ)
 * @param deletionProtection whether restored copies are protected from deletion; empty takes the source's (restore tests: off)
 * @param kmsKey the KMS key the instance and its snapshots are encrypted with, for the preflight and DR checks
 * @param database the database inside the instance that validation queries run in
 * @param credentialsSecret the Kubernetes Secret with {@code username} and {@code password} for validation
 * @param restoreTimeout how long a restore may take to become available
 */
public record RdsSpec(
        @Required String instance,
        Optional<String> instanceClass,
        Optional<String> subnetGroup,
        List<String> securityGroups,
        Optional<Double> pricePerHour,
        Optional<String> parameterGroup,
        Optional<String> optionGroup,
        Optional<Boolean> multiAz,
        Optional<Boolean> deletionProtection,
        Optional<String> kmsKey,
        @Default("postgres") String database,
        Optional<String> credentialsSecret,
        @Default("2h") Duration restoreTimeout) {
}
