package dev.ticketsmith.catalog;

import dev.ticketsmith.catalog.DatabaseSpec.Consumer;
import dev.ticketsmith.catalog.DatabaseSpec.Provider;
import dev.ticketsmith.catalog.RestoreTestSpec.ValidationQuery;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The validation rules of a database entry, including its references to environments and services. */
final class DatabaseRules {

    private static final Pattern RDS_INSTANCE = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://[^/\\s]+/[^/?\\s]+(\\?\\S*)?");
    private static final Pattern STORE = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?|file:///\\S*");
    private static final Pattern PG_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private final Checks checks;
    private final Draft draft;

    DatabaseRules(Problems problems, Draft draft) {
        this.checks = new Checks(problems);
        this.draft = draft;
    }

    void check(DatabaseSpec database) {
        String path = Problems.join("databases", database.name());
        boolean known = checks.exists(path + ".environment", database.environment(), draft.environmentNames(), "environment");
        block(path, database.provider(), Provider.RDS, database.rds());
        block(path, database.provider(), Provider.PGDUMP, database.pgdump());
        database.rds().ifPresent(rds -> rds(path + ".rds", rds));
        database.pgdump().ifPresent(pgdump -> pgdump(path + ".pgdump", pgdump));
        for (int i = 0; i < database.consumers().size(); i++) {
            consumer(Problems.item(path + ".consumers", i), database.consumers().get(i), known ? database.environment() : null);
        }
        database.restoreTest().ifPresent(test -> restoreTest(path + ".restoreTest", test));
        database.rpo().ifPresent(rpo -> checks.positive(path + ".rpo", rpo));
    }

    private void block(String path, Provider provider, Provider owner, Optional<?> block) {
        String name = Scalars.wireName(owner);
        if (provider == owner && block.isEmpty()) {
            checks.problem(Problems.join(path, name), "required when provider is " + name);
        } else if (provider != owner && block.isPresent()) {
            checks.problem(Problems.join(path, name), "only allowed when provider is " + name
                    + " (provider is " + Scalars.wireName(provider) + ")");
        }
    }

    private void rds(String path, RdsSpec rds) {
        checks.format(path + ".instance", rds.instance(), RDS_INSTANCE, "an RDS instance identifier: letters, digits and '-', starting with a letter");
        rds.instanceClass().ifPresent(type -> checks.format(path + ".instanceClass", type, Pattern.compile("db\\.[a-z0-9-]+\\.[a-z0-9]+"),
                "an RDS instance class such as db.r6g.large"));
        List<String> groups = rds.securityGroups();
        for (int i = 0; i < groups.size(); i++) {
            checks.format(Problems.item(path + ".securityGroups", i), groups.get(i), SECURITY_GROUP, "a security group id such as sg-0123456789abcdef0");
        }
        price(path, rds.pricePerHour());
        rds.credentialsSecret().ifPresent(secret -> checks.dnsName(path + ".credentialsSecret", secret));
        checks.format(path + ".database", rds.database(), PG_NAME, "a PostgreSQL database name: letters, digits and '_'");
        checks.positive(path + ".restoreTimeout", rds.restoreTimeout());
    }

    private void price(String path, Optional<Double> pricePerHour) {
        pricePerHour.filter(price -> price < 0)
                .ifPresent(price -> checks.problem(path + ".pricePerHour", "must not be negative (got " + Checks.number(price) + ")"));
    }

    private void pgdump(String path, PgDumpSpec pgdump) {
        checks.format(path + ".url", pgdump.url(), JDBC_URL, "a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/database");
        checks.format(path + ".store", pgdump.store(), STORE, "an s3://bucket/prefix/ or file:///path/ location");
        pgdump.credentialsSecret().ifPresent(secret -> checks.dnsName(path + ".credentialsSecret", secret));
        if (JDBC_URL.matcher(pgdump.url()).matches() && !PG_NAME.matcher(pgdump.databaseName()).matches()) {
            checks.problem(path + ".url", "the database name \"" + pgdump.databaseName()
                    + "\" must be letters, digits and '_' (restored copies are named after it)");
        }
        pgdump.backup().ifPresent(backup -> {
            cron(path + ".backup.schedule", backup.schedule());
            checks.atLeast(path + ".backup.keep", backup.keep(), 1);
        });
        checks.atLeast(path + ".jobs", pgdump.jobs(), 1);
        checks.positive(path + ".timeout", pgdump.timeout());
        price(path, pgdump.pricePerHour());
    }

    private void cron(String path, String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            checks.problem(path, "must be a Quarkus cron expression with 6 or 7 fields"
                    + " (second minute hour day-of-month month day-of-week [year]), got " + fields.length
                    + " in \"" + schedule + "\"" + (fields.length == 5 ? "; add the seconds field in front, e.g. \"0 " + schedule.trim() + "\"" : ""));
            return;
        }
        try {
            new com.cronutils.parser.CronParser(com.cronutils.model.definition.CronDefinitionBuilder
                    .instanceDefinitionFor(com.cronutils.model.CronType.QUARTZ)).parse(schedule.trim()).validate();
        } catch (IllegalArgumentException e) {
            checks.problem(path, "is not a valid Quarkus cron expression: " + e.getMessage());
        }
    }

    /** Checks a consumer; {@code environment} is null when the database's own environment is unknown. */
    private void consumer(String path, Consumer consumer, String environment) {
        if (checks.exists(path + ".service", consumer.service(), draft.serviceNames(), "service")
                && environment != null && draft.services().containsKey(consumer.service())
                && !draft.deployedIn(consumer.service()).contains(environment)) {
            checks.problem(path + ".service", "\"" + consumer.service() + "\" is not deployed in " + environment
                    + " (deployedIn: " + String.join(", ", draft.deployedIn(consumer.service())) + ")");
        }
        checks.dnsName(path + ".secret", consumer.secret());
        checks.format(path + ".key", consumer.key(), SECRET_KEY, "a Secret key: letters, digits, '-', '_' and '.'");
    }

    private void restoreTest(String path, RestoreTestSpec test) {
        cron(path + ".schedule", test.schedule());
        checks.channel(path + ".channel", test.channel());
        test.rto().ifPresent(rto -> checks.positive(path + ".rto", rto));
        test.rpo().ifPresent(rpo -> checks.positive(path + ".rpo", rpo));
        checks.principals(path + ".oncall", test.oncall());
        List<ValidationQuery> queries = test.validation();
        checks.unique(path + ".validation", queries.stream().map(ValidationQuery::name).toList());
        for (int i = 0; i < queries.size(); i++) {
            String queryPath = Problems.item(path + ".validation", i);
            ValidationQuery query = queries.get(i);
            if (query.min().isEmpty() && query.max().isEmpty() && query.maxAge().isEmpty() && !query.compareWithPrevious()) {
                checks.problem(queryPath, "needs min, max, maxAge or compareWithPrevious: true, otherwise it checks nothing");
            }
            checks.ordered(queryPath, query.min(), query.max());
            query.maxAge().ifPresent(age -> checks.positive(queryPath + ".maxAge", age));
        }
    }
}
