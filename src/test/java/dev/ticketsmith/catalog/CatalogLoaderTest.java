package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading catalogue files: syntax errors, unreadable files, and how problems are reported. */
class CatalogLoaderTest {

    @TempDir
    Path directory;

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        CatalogException failure = assertThrows(CatalogException.class, () -> CatalogLoader.parse("""
                environments:
                  staging:
                    namespace: shop: staging
                """, "catalog.yaml"));

        assertEquals(1, failure.problems().size());
        assertEquals("catalog.yaml: YAML syntax error at line 3, column 20: mapping values are not allowed here", failure.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        assertEquals(List.of("YAML syntax error at line 4, column 16: the key \"namespace\" appears twice in the same map"),
                TestCatalogs.problems("""
                        environments:
                          staging:
                            namespace: a
                            namespace: b
                        """));
    }

    @Test
    void emptyAndNonMapDocumentsAreExplained() {
        assertEquals(List.of("the catalogue is empty: it needs at least one environment under \"environments\""),
                TestCatalogs.problems("# nothing yet\n"));
        assertEquals(List.of("the catalogue must be a map with the keys pipeline, defaultEnvironment, environments, services,"
                + " databases, apiClients"), TestCatalogs.problems("- staging\n- production\n"));
        assertEquals(List.of("environments: at least one environment is required"), TestCatalogs.problems("environments: {}\n"));
    }

    @Test
    void collectsAllProblemsAndPrefixesEachLineWithTheSource() {
        CatalogException failure = assertThrows(CatalogException.class, () -> CatalogLoader.parse(TestCatalogs.patched("""
                environments: {production: {approvals: 3, channel: prod}}
                services: {checkout: {traffic: {router: alb}}, catalog: {smok: {}}}
                databases: {orders: {environment: prod}}
                """), "shop.yaml"));

        List<String> lines = failure.getMessage().lines().toList();
        assertEquals(5, failure.problems().size(), failure::getMessage);
        assertEquals(5, lines.size());
        assertTrue(lines.stream().allMatch(line -> line.startsWith("shop.yaml: ")), failure::getMessage);
        assertEquals("shop.yaml", failure.sourceName());
    }

    @Test
    void loadsAFile() throws IOException, CatalogException {
        Path file = Files.writeString(directory.resolve("catalog.yaml"), TestCatalogs.VALID);

        assertEquals(List.of("checkout", "catalog"), CatalogLoader.load(file).services());
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        Path missing = directory.resolve("nope.yaml");

        CatalogException failure = assertThrows(CatalogException.class, () -> CatalogLoader.load(missing));

        assertEquals(missing + ": file not found", failure.getMessage());
    }
}
