package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation rule, as a change to a valid catalogue and the exact problems it produces. */
class CatalogValidationTest {

    @Test
    void theBaseCatalogueIsValid() throws CatalogException {
        TestCatalogs.load(TestCatalogs.VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"environments", "pipeline", "services", "overrides", "databases", "kinds"})
    void reportsTheProblemWithItsPath(String patch, List<String> expected) {
        assertEquals(expected, TestCatalogs.problems(TestCatalogs.patched(patch)));
    }

    @Test
    void unknownKeysListTheKnownOnesAndSuggestTheClosest() {
        List<String> problems = TestCatalogs.problems(TestCatalogs.patched("services: {checkout: {smok: {attempts: 5}}}"));

        assertEquals(List.of("services.checkout.smok: unknown field, did you mean \"smoke\"? (known: deployment, container, hpa,"
                + " strategy, traffic, smoke, analysis, steps, readyTimeout, scaleDownDelay, canaryReplicasPercent, scaling,"
                + " autoscaling, deployedIn, environments)"), problems);
    }

    @Test
    void unknownKeysAreFoundAtEveryLevel() {
        List<String> problems = TestCatalogs.problems(TestCatalogs.patched("""
                pipline: [staging]
                environments: {production: {approver: {users: [U0LEAD3]}}}
                services: {catalog: {environments: {staging: {readyTimout: 1m}}}}
                databases: {orders: {restoreTests: {}}}
                """));

        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("pipline: unknown field, did you mean \"pipeline\"? (known: pipeline,"));
        assertTrue(problems.get(1).startsWith("environments.production.approver: unknown field, did you mean \"approvers\"?"));
        assertTrue(problems.get(2).startsWith("services.catalog.environments.staging.readyTimout: unknown field, did you mean \"readyTimeout\"?"));
        assertTrue(problems.get(3).startsWith("databases.orders.restoreTests: unknown field, did you mean \"restoreTest\"?"));
    }

    static Stream<Arguments> environments() {
        return Stream.of(
                problem("apiClients: {ci: {tokenEnv: CI_TOKEN, scopes: [promote:staging]}}\nenvironments: {production: {approvers: {clients: [ci]}}}",
                        "environments.production.approvers.clients: an API client can never approve: approvals come from people, in Slack"),
                problem("environments: {staging: {requesters: {clients: [ghost]}}}",
                        "environments.staging.requesters.clients[0]: no API client named \"ghost\""),
                problem("apiClients: {ci: {tokenEnv: CI_TOKEN, tokenFile: /x, scopes: [audit:read]}}",
                        "apiClients.ci: needs exactly one of tokenEnv (an environment variable) or tokenFile (a mounted Secret's file);"
                                + " a token is never written in the catalogue"),
                problem("apiClients: {ci: {tokenEnv: CI_TOKEN, scopes: [promote:prod, audit:write]}}",
                        "apiClients.ci.scopes[0]: no environment named \"prod\" (did you mean \"production\"?)",
                        "apiClients.ci.scopes[1]: unknown scope \"audit:write\"; known: audit:read,"
                                + " operations:read, operations:control, promote:* and promote:<environment>"),
                problem("environments: {production: {approvals: 3}}",
                        "environments.production.approvals: 3 approvals required but only 2 approver users and no groups"),
                problem("environments: {staging: {approvals: 1}}",
                        "environments.staging.approvals: 1 approval required but no approvers are configured"),
                problem("environments: {production: {approvals: -1}}",
                        "environments.production.approvals: must be 0 (no approval) or more (got -1)"),
                problem("environments: {staging: {namespace: Shop_Staging}}",
                        "environments.staging.namespace: must be a DNS label: lower-case letters, digits and '-', at most 63 characters"
                                + " (got \"Shop_Staging\")"),
                problem("environments: {staging: {namespace: ~}}", "environments.staging.namespace: required field is missing"),
                problem("environments: {staging: {channel: '#staging'}}",
                        "environments.staging.channel: must be a Slack channel id such as C0123ABCD, not a channel name (got \"#staging\")"),
                problem("environments: {production: {approvers: {users: [U0LEAD1, alice]}}}",
                        "environments.production.approvers.users[1]: must be a Slack user id such as U0123ABCD, not a name (got \"alice\")"),
                problem("environments: {staging: {requesters: {groups: [devs]}}}",
                        "environments.staging.requesters.groups[0]: must be a Slack user group id such as S0123ABCD, not a handle (got \"devs\")"),
                problem("environments: {production: {approvalTtl: 30 minutes}}",
                        "environments.production.approvalTtl: must be a duration such as 30s, 2m, 1h30m or 7d (got \"30 minutes\")"),
                problem("environments: {production: {approvalTtl: 0s}}", "environments.production.approvalTtl: must be longer than 0s"),
                problem("environments: {production: {rollback: yolo}}",
                        "environments.production.rollback: must be one of approval, break-glass (got \"yolo\")"),
                problem("environments: {production: {provenance: {minHealthyIn: stagin, for: 30m}}}",
                        "environments.production.provenance.minHealthyIn: no environment named \"stagin\" (did you mean \"staging\"?)"),
                problem("environments: {production: {provenance: {minHealthyIn: production, for: 30m}}}",
                        "environments.production.provenance.minHealthyIn: must name another environment than production"),
                problem("environments: {production: {provenance: {minHealthyIn: staging}}}",
                        "environments.production.provenance.for: required field is missing"),
                problem("environments: {Staging: {namespace: other, channel: C0OTHER}}",
                        "environments.Staging: environment names are typed in commands: use lower-case letters, digits and '-',"
                                + " starting with a letter, at most 63 characters"));
    }

    static Stream<Arguments> pipeline() {
        return Stream.of(
                problem("pipeline: [staging, prod]", "pipeline[1]: no environment named \"prod\" (did you mean \"production\"?)"),
                problem("pipeline: [staging, staging]", "pipeline[1]: \"staging\" is listed twice"),
                problem("pipeline: staging", "pipeline: must be a list (got \"staging\")"),
                problem("pipeline: ~",
                        "defaultEnvironment: required when there are several environments and no pipeline to take the first of"),
                problem("defaultEnvironment: qa", "defaultEnvironment: no environment named \"qa\""));
    }

    static Stream<Arguments> services() {
        return Stream.of(
                problem("services: {checkout: {traffic: {router: alb}}}",
                        "services.checkout.traffic.router: must be one of alb-ingress, http-route, replicas (got \"alb\")"),
                problem("services: {checkout: {traffic: {ingress: ~}}}",
                        "services.checkout.traffic.ingress: required when router is alb-ingress"),
                problem("services: {checkout: {traffic: {action: ~}}}",
                        "services.checkout.traffic.action: required when router is alb-ingress"),
                problem("services: {catalog: {traffic: {route: ~}}}",
                        "services.catalog.traffic.route: required when router is http-route"),
                problem("services: {catalog: {traffic: {ingress: catalog}}}",
                        "services.catalog.traffic.ingress: only used when router is alb-ingress (router is http-route)"),
                problem("services: {catalog: {traffic: {canaryService: catalog}}}",
                        "services.catalog.traffic.canaryService: must differ from stableService (both are \"catalog\")"),
                problem("services: {catalog: {traffic: {port: 0}}}", "services.catalog.traffic.port: must be between 1 and 65535 (got 0)"),
                problem("services: {checkout: {steps: [{weight: 50, hold: 1m}, {weight: 25, hold: 1m}, {weight: 100, hold: 1m}]}}",
                        "services.checkout.steps[1].weight: must be greater than the previous step's weight (50)"),
                problem("services: {checkout: {steps: [{weight: 10, hold: 1m}, {weight: 50, hold: 1m}]}}",
                        "services.checkout.steps[1].weight: the last step must send all traffic to the new version: weight 100 (got 50)"),
                problem("services: {checkout: {steps: [{weight: 0, hold: 1m}, {weight: 100, hold: 1m}]}}",
                        "services.checkout.steps[0].weight: must be between 1 and 100 (got 0)"),
                problem("services: {checkout: {steps: []}}", "services.checkout.steps: must list at least one step, ending at weight 100"),
                problem("services: {checkout: {steps: [{weight: 100}]}}", "services.checkout.steps[0].hold: required field is missing"),
                problem("services: {catalog: {smoke: {url: 'http://{canary}.{namespace}/healthz'}}}",
                        "services.catalog.smoke.url: unknown placeholder {canary} (did you mean \"canaryService\"?); known: service,"
                                + " environment, namespace, deployment, stableService, canaryService, port"),
                problem("services: {catalog: {smoke: {url: 'ftp://catalog/healthz'}}}",
                        "services.catalog.smoke.url: must start with http:// or https:// (got \"ftp://catalog/healthz\")"),
                problem("services: {catalog: {smoke: {attempts: 0}}}", "services.catalog.smoke.attempts: must be at least 1 (got 0)"),
                problem("services: {catalog: {analysis: {prometheus: {url: 'http://prom:9090', queries: [{name: errors, query: 'sum(x)'}]}}}}",
                        "services.catalog.analysis.prometheus.queries[0]: needs max, min or both, otherwise it checks nothing"),
                problem("services: {catalog: {analysis: {prometheus: {queries: []}}}}",
                        "services.catalog.analysis.prometheus.url: required field is missing"),
                problem("services: {catalog: {scaling: {maxReplicas: 10, approvalAbove: 20}}}",
                        "services.catalog.scaling.approvalAbove: must not be above maxReplicas, 10 (got 20)"),
                problem("services: {catalog: {autoscaling: {cpuTarget: 50, scaleInBelow: 60}}}",
                        "services.catalog.autoscaling.scaleInBelow: must be below cpuTarget, 50 (got 60)"),
                problem("services: {catalog: {canaryReplicasPercent: 0}}",
                        "services.catalog.canaryReplicasPercent: must be between 1 and 100 (got 0)"),
                problem("services: {catalog: {deployment: Catalog_V2}}",
                        "services.catalog.deployment: must be a Kubernetes name: lower-case letters, digits, '-' and '.' (got \"Catalog_V2\")"),
                problem("services: {Search: {}}",
                        "services.Search: service names are typed in commands: use lower-case letters, digits and '-',"
                                + " starting with a letter, at most 63 characters"));
    }

    static Stream<Arguments> overrides() {
        return Stream.of(
                problem("services: {checkout: {environments: {prod: {readyTimeout: 5m}}}}",
                        "services.checkout.environments.prod: no environment named \"prod\" (did you mean \"production\"?)"),
                problem("services: {checkout: {environments: {staging: {steps: [{weight: 50, hold: 30s}]}}}}",
                        "services.checkout.environments.staging.steps[0].weight: the last step must send all traffic to the new version:"
                                + " weight 100 (got 50)"),
                problem("services: {catalog: {environments: {production: {traffic: {router: alb-ingress}}}}}",
                        "services.catalog.environments.production.traffic.ingress: required when router is alb-ingress",
                        "services.catalog.environments.production.traffic.action: required when router is alb-ingress",
                        "services.catalog.environments.production.traffic.route: only used when router is http-route (router is alb-ingress)"),
                problem("services: {catalog: {environments: {staging: {smoke: {attempts: many}}}}}",
                        "services.catalog.environments.staging.smoke.attempts: must be a whole number (got \"many\")"),
                problem("services: {catalog: {deployedIn: [staging, qa]}}", "services.catalog.deployedIn[1]: no environment named \"qa\""),
                problem("services: {catalog: {deployedIn: []}}",
                        "services.catalog.deployedIn: must list at least one environment; leave it out to deploy everywhere"),
                problem("services: {catalog: {deployedIn: [staging], environments: {production: {readyTimeout: 1m}}}}",
                        "services.catalog.environments.production: the service is not deployed in production (deployedIn: staging)"),
                problem("services: {catalog: {environments: {staging: {deployedIn: [staging]}}}}",
                        "services.catalog.environments.staging.deployedIn: cannot be set per environment; set it on the service itself"),
                problem("services: {catalog: {environments: [staging]}}",
                        "services.catalog.environments: must be a map of fields (got a list)"));
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                problem("databases: {orders: {environment: prod}}",
                        "databases.orders.environment: no environment named \"prod\" (did you mean \"production\"?)"),
                problem("databases: {orders: {provider: ~}}", "databases.orders.provider: required field is missing"),
                problem("databases: {orders: {provider: mysql}}",
                        "databases.orders.provider: must be one of rds, pgdump (got \"mysql\")"),
                problem("databases: {orders: {rds: ~}}", "databases.orders.rds: required when provider is rds"),
                problem("databases: {orders: {pgdump: {url: 'jdbc:postgresql://h:5432/d', store: 'file:///b/'}}}",
                        "databases.orders.pgdump: only allowed when provider is pgdump (provider is rds)"),
                problem("databases: {orders: {rds: {instance: ~, instanceClass: db.r6g.large}}}",
                        "databases.orders.rds.instance: required field is missing"),
                problem("databases: {orders: {rds: {securityGroups: [default]}}}",
                        "databases.orders.rds.securityGroups[0]: must be a security group id such as sg-0123456789abcdef0 (got \"default\")"),
                problem("databases: {ledger: {pgdump: {url: 'postgres://ledger/ledger'}}}",
                        "databases.ledger.pgdump.url: must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/database"
                                + " (got \"postgres://ledger/ledger\")"),
                problem("databases: {ledger: {pgdump: {store: 'gs://backups/ledger'}}}",
                        "databases.ledger.pgdump.store: must be an s3://bucket/prefix/ or file:///path/ location (got \"gs://backups/ledger\")"),
                problem("databases: {ledger: {pgdump: {store: ~}}}", "databases.ledger.pgdump.store: required field is missing"),
                problem("databases: {orders: {consumers: [{service: checkot, secret: checkout-db, key: host}]}}",
                        "databases.orders.consumers[0].service: no service named \"checkot\" (did you mean \"checkout\"?)"),
                problem("services: {checkout: {deployedIn: [staging]}}",
                        "databases.orders.consumers[0].service: \"checkout\" is not deployed in production (deployedIn: staging)"),
                problem("databases: {orders: {restoreTest: {schedule: '0 3 * * *'}}}",
                        "databases.orders.restoreTest.schedule: must be a Quarkus cron expression with 6 or 7 fields (second minute hour"
                                + " day-of-month month day-of-week [year]), got 5 in \"0 3 * * *\"; add the seconds field in front,"
                                + " e.g. \"0 0 3 * * *\""),
                problem("databases: {orders: {restoreTest: {channel: ~}}}", "databases.orders.restoreTest.channel: required field is missing"),
                problem("databases: {orders: {restoreTest: {validation: [{name: rows, sql: 'select 1'}]}}}",
                        "databases.orders.restoreTest.validation[0]: needs min, max, maxAge or compareWithPrevious: true,"
                                + " otherwise it checks nothing"),
                problem("databases: {orders: {restoreTest: {validation: [{name: rows, sql: 'select 1', min: 5, max: 1}]}}}",
                        "databases.orders.restoreTest.validation[0].min: must not be above max, 1 (got 5)"),
                problem("databases: {orders: {restoreTest: {validation: [{name: rows, sql: 'select 1', min: 1}, {name: rows, sql: 'select 2', min: 1}]}}}",
                        "databases.orders.restoreTest.validation[1]: \"rows\" is listed twice"));
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                problem("environments: {production: {approvals: two}}",
                        "environments.production.approvals: must be a whole number (got \"two\")"),
                problem("environments: {production: {approvers: [U0LEAD1]}}",
                        "environments.production.approvers: must be a map of fields (got a list)"),
                problem("databases: {orders: {rds: {pricePerHour: cheap}}}",
                        "databases.orders.rds.pricePerHour: must be a number (got \"cheap\")"),
                problem("databases: {orders: {restoreTest: {validation: [{name: hash, sql: 'select 1', compareWithPrevious: yes please}]}}}",
                        "databases.orders.restoreTest.validation[0].compareWithPrevious: must be true or false (got \"yes please\")"),
                problem("services: {catalog: {container: {name: app}}}",
                        "services.catalog.container: must be a single value (got a map)"),
                problem("services: {catalog: {container: ''}}", "services.catalog.container: must not be empty"),
                problem("services: {catalog: {steps: [{weight: 100, hold: 2m}, ~]}}", "services.catalog.steps[1]: must not be empty"));
    }

    private static Arguments problem(String patch, String... expected) {
        return Arguments.of(patch, List.of(expected));
    }
}
