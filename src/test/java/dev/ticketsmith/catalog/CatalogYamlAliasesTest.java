package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anchors, aliases and merge keys in a catalogue, and the bounds on how far they may expand. */
class CatalogYamlAliasesTest {

    @Test
    void twoServicesShareStepsThroughAnAnchorAndAnAlias() throws CatalogException {
        Catalog catalog = TestCatalogs.load(TestCatalogs.VALID
                .replace("  checkout:\n", "  checkout:\n    steps: &fast [{weight: 50, hold: 1m}, {weight: 100, hold: 2m}]\n")
                .replace("  catalog:\n", "  catalog:\n    steps: *fast\n"));

        List<CanaryStep> fast = List.of(new CanaryStep(50, Duration.ofMinutes(1)), new CanaryStep(100, Duration.ofMinutes(2)));
        assertEquals(fast, catalog.service("checkout", "production").steps());
        assertEquals(fast, catalog.service("catalog", "staging").steps());
    }

    @Test
    void anAliasIsACopyNotTheSameTree() throws CatalogException {
        JsonNode root = YamlTree.read("a: &a {x: [1, 2]}\nb: *a\n", "test.yaml");

        assertEquals(root.get("a"), root.get("b"));
        assertNotSame(root.get("a"), root.get("b"));
    }

    @Test
    void environmentsTakeDefaultsThroughAMergeKey() throws CatalogException {
        Catalog catalog = TestCatalogs.load("""
                pipeline: [staging, production]
                environments:
                  staging: &defaults
                    namespace: shop-staging
                    channel: C0SHOP
                    approvalTtl: 10m
                  production:
                    <<: *defaults
                    namespace: shop-prod
                """);

        EnvironmentSpec production = catalog.environment("production").orElseThrow();
        assertEquals("shop-prod", production.namespace());
        assertEquals("C0SHOP", production.channel());
        assertEquals(Duration.ofMinutes(10), production.approvalTtl());
        assertEquals("shop-staging", catalog.environment("staging").orElseThrow().namespace());
    }

    @Test
    void ownKeysWinOverMergedOnesAndEarlierMergedMapsOverLaterOnes() throws CatalogException {
        JsonNode root = YamlTree.read("""
                a: &a {x: 1, y: 1}
                b: &b {y: 2, z: 2}
                c: {w: 0, <<: [*a, *b], x: 3}
                """, "test.yaml");

        assertEquals("{\"w\":0,\"y\":1,\"z\":2,\"x\":3}", root.get("c").toString());
    }

    @Test
    void aBillionLaughsIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String alias = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, alias))).append("]\n");
        }

        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TestCatalogs.problems(yaml.toString()));

        assertEquals(List.of("the catalogue expands to more than 100000 values through aliases"
                + " (are aliases repeated inside anchors that are repeated in turn?)"), problems);
    }

    @Test
    void anAliasInsideWhatItRefersToIsRefused() {
        assertEquals(List.of("the anchor &e at line 1, column 15 contains an alias to itself (*e), which would never end"),
                TestCatalogs.problems("environments: &e\n  staging: {namespace: a, channel: C0A, more: *e}\n"));
        assertEquals(List.of("the anchor &s at line 1, column 11 contains an alias to itself (*s), which would never end"),
                TestCatalogs.problems("pipeline: &s [a, [b, *s]]\n"));
        assertEquals(List.of("the anchor &m at line 1, column 4 contains an alias to itself (*m), which would never end"),
                TestCatalogs.problems("a: &m {b: {<<: *m}}\n"));
    }

    @Test
    void aliasesNestedTooDeepAreRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [[[[[[[[[[x]]]]]]]]]]\n");
        for (int i = 1; i <= 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [[[[[[[[[[*a").append(i - 1).append("]]]]]]]]]]\n");
        }

        assertEquals(List.of("the catalogue nests maps and lists more than 100 levels deep through aliases"),
                TestCatalogs.problems(yaml.toString()));
    }

    @Test
    void mergingSomethingOtherThanMapsIsRefused() {
        assertEquals(List.of("YAML syntax error at line 2, column 5: the merge key << needs a map or a list of maps,"
                + " such as <<: *defaults"), TestCatalogs.problems("a: &a [1]\nb: {<<: *a}\n"));
    }

    @Test
    void duplicateKeysAreStillRefusedWithAnchorsAround() {
        assertEquals(List.of("YAML syntax error at line 3, column 47: the key \"channel\" appears twice in the same map"),
                TestCatalogs.problems("""
                        environments:
                          staging: &s {namespace: a, channel: C0A}
                          production: {<<: *s, channel: C0B, channel: C0C}
                        """));
        assertEquals(List.of("YAML syntax error at line 1, column 17: the key \"<<\" appears twice in the same map"),
                TestCatalogs.problems("a: {<<: {}, <<: {}}\n"));
    }

    @Test
    void syntaxErrorsStillGiveLineAndColumn() {
        assertEquals(List.of("YAML syntax error at line 3, column 16: found undefined alias nope"),
                TestCatalogs.problems("environments:\n  staging:\n    namespace: *nope\n"));
        assertEquals(List.of("YAML syntax error at line 3, column 1: while scanning a quoted scalar at line 1, column 11,"
                + " found unexpected end of stream"), TestCatalogs.problems("pipeline: \"staging\nproduction\n"));
        assertEquals(List.of("YAML syntax error at line 3, column 1: a catalogue is one YAML document, but another one starts here"),
                TestCatalogs.problems("environments: {}\n---\nservices: {}\n"));
        assertEquals(TestCatalogs.problems("environments: {}\n"), TestCatalogs.problems("environments: {}\n---\n"),
                "an empty trailing document changes nothing");
    }
}
