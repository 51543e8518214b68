package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;

/**
 * A small valid catalogue for tests, and a way to change parts of it: a patch is YAML deep-merged
 * onto it with the same rules as per-environment overrides ({@code ~} removes a key).
 */
final class TestCatalogs {

    static final String VALID = """
            pipeline: [staging, production]
            environments:
              staging:
                namespace: shop-staging
                channel: C0STAGING
                requesters: {users: [U0DEV1], groups: [S0DEVS]}
              production:
                namespace: shop-prod
                channel: C0PROD
                requesters: {users: [U0DEV1]}
                approvers: {users: [U0LEAD1, U0LEAD2]}
                approvals: 1
                oncall: {groups: [S0ONCALL]}
            services:
              checkout:
                traffic: {router: alb-ingress, ingress: checkout, action: checkout-route}
              catalog:
                traffic: {router: http-route, route: catalog}
            databases:
              orders:
                environment: production
                provider: rds
                rds: {instance: orders-prod}
                consumers: [{service: checkout, secret: checkout-db, key: host}]
                restoreTest: {schedule: "0 0 3 * * ?", channel: C0DR}
              ledger:
                environment: staging
                provider: pgdump
                pgdump: {url: "jdbc:postgresql://ledger:5432/ledger", store: "s3://shop-backups/ledger/"}
            """;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestCatalogs() {
    }

    /** {@link #VALID} with {@code patch} merged onto it, as YAML text. */
    static String patched(String patch) {
        try {
            ObjectNode base = (ObjectNode) YAML.readTree(VALID);
            return YAML.writeValueAsString(Trees.merge(base, YAML.readTree(patch)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad test YAML: " + patch, e);
        }
    }

    static Catalog load(String yaml) throws CatalogException {
        return CatalogLoader.parse(yaml, "test.yaml");
    }

    /** The problems loading {@code yaml} reports, as {@code path: message} lines; fails if it loads. */
    static List<String> problems(String yaml) {
        CatalogException failure = assertThrows(CatalogException.class, () -> load(yaml));
        return failure.problems().stream().map(Problem::toString).toList();
    }
}
