package dev.ticketsmith.catalog;

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
 */
public record RdsSpec(
        @Required String instance,
        Optional<String> instanceClass,
        Optional<String> subnetGroup,
        List<String> securityGroups,
        Optional<Double> pricePerHour) {
}
