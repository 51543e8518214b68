package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deep merge behind per-environment overrides. */
class TreesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void mergesMapsReplacesListsAndValuesAndRemovesNulls() throws Exception {
        ObjectNode base = (ObjectNode) YAML.readTree("""
                scaling: {maxReplicas: 50, approvalAbove: 20}
                steps: [{weight: 10}, {weight: 100}]
                hpa: checkout
                readyTimeout: 10m
                """);
        JsonNode override = YAML.readTree("""
                scaling: {maxReplicas: 10}
                steps: [{weight: 100}]
                hpa: ~
                container: app
                """);

        JsonNode merged = Trees.merge(base, override);

        assertEquals(YAML.readTree("""
                scaling: {maxReplicas: 10, approvalAbove: 20}
                steps: [{weight: 100}]
                readyTimeout: 10m
                container: app
                """), merged);
        assertEquals(50, base.get("scaling").get("maxReplicas").intValue(), "the base is left unchanged");
    }

    @Test
    void withoutDropsKeysFromACopy() throws Exception {
        JsonNode node = YAML.readTree("{a: 1, b: 2, c: 3}");

        assertEquals(YAML.readTree("{b: 2}"), Trees.without(node, List.of("a", "c")));
        assertEquals(3, node.size());
    }
}
