package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;

/**
 * Operations on YAML trees used to apply per-environment overrides.
 *
 * <p>The merge is deep for mappings only: a mapping in the override is merged key by key into the
 * base's mapping, while a list or single value replaces the base's value whole (so an override of
 * {@code steps} replaces all the steps). An explicit {@code null} ({@code ~}) removes the base's
 * value, so the field falls back to its default.
 */
final class Trees {

    private Trees() {
    }

    /** A copy of {@code base} with {@code override} merged onto it; neither argument is changed. */
    static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : override.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode current = merged.get(key);
            if (value.isNull()) {
                merged.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merged.set(key, merge((ObjectNode) current, value));
            } else {
                merged.set(key, value.deepCopy());
            }
        }
        return merged;
    }

    /** A copy of the mapping {@code node} without the given keys. */
    static ObjectNode without(JsonNode node, Collection<String> keys) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(keys);
        return copy;
    }
}
