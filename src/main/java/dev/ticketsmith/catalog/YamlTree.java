package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML document into a Jackson tree, resolving anchors ({@code &name}), aliases
 * ({@code *name}) and merge keys ({@code <<: *name} or {@code <<: [*a, *b]}).
 *
 * <p>SnakeYAML composes the document ({@link YamlDocument}) into a graph of nodes in which an alias
 * is the anchored node itself; the graph is then copied into a tree, an alias becoming a copy of
 * what it refers to, so no part of the tree is shared. Merged maps give the keys the map does not
 * set itself, earlier merged maps before later ones. Single values are typed by
 * {@link YamlScalars}. The copy is bounded: an alias used inside what it refers to, and more than
 * {@value #MAX_VALUES} values or {@value #MAX_DEPTH} levels once aliases are expanded (a "billion
 * laughs" document), are refused before they cost much time or stack.
 */
final class YamlTree {

    /** The most values (maps, lists and single values) a document may expand to through its aliases. */
    static final int MAX_VALUES = 100_000;
    /** The deepest nesting of maps and lists a document may expand to through its aliases. */
    static final int MAX_DEPTH = 100;

    private final String sourceName;
    private final Set<Node> expanding = Collections.newSetFromMap(new IdentityHashMap<>());
    private int values;

    private YamlTree(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The tree of {@code yaml}, missing when the document is empty; every failure is one problem. */
    static JsonNode read(String yaml, String sourceName) throws CatalogException {
        Node root = YamlDocument.compose(yaml, sourceName);
        return root == null ? MissingNode.getInstance() : new YamlTree(sourceName).copy(root, 0);
    }

    private JsonNode copy(Node node, int depth) throws CatalogException {
        if (++values > MAX_VALUES) {
            throw failure("the catalogue expands to more than " + MAX_VALUES
                    + " values through aliases (are aliases repeated inside anchors that are repeated in turn?)");
        }
        if (node instanceof ScalarNode scalar) {
            try {
                return YamlScalars.value(scalar);
            } catch (IllegalArgumentException e) {
                throw syntaxError(scalar.getEndMark(), e.getMessage());
            }
        }
        if (depth >= MAX_DEPTH) {
            throw failure("the catalogue nests maps and lists more than " + MAX_DEPTH + " levels deep through aliases");
        }
        if (!expanding.add(node)) {
            throw failure("the anchor &" + node.getAnchor() + " at " + YamlDocument.position(node.getStartMark())
                    + " contains an alias to itself (*" + node.getAnchor() + "), which would never end");
        }
        JsonNode copy = node instanceof SequenceNode sequence ? list(sequence, depth) : map((MappingNode) node, depth);
        expanding.remove(node);
        return copy;
    }

    private ArrayNode list(SequenceNode sequence, int depth) throws CatalogException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Node item : sequence.getValue()) {
            list.add(copy(item, depth + 1));
        }
        return list;
    }

    private ObjectNode map(MappingNode mapping, int depth) throws CatalogException {
        Set<String> ownKeys = new HashSet<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!ownKeys.add(key(entry.getKeyNode()))) {
                throw syntaxError(entry.getValueNode().getStartMark(),
                        "the key \"" + key(entry.getKeyNode()) + "\" appears twice in the same map");
            }
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (NodeTuple entry : mapping.getValue()) {
            if (Tag.MERGE.equals(entry.getKeyNode().getTag())) {
                merge(entry, map, ownKeys, depth);
            } else {
                map.set(key(entry.getKeyNode()), copy(entry.getValueNode(), depth + 1));
            }
        }
        return map;
    }

    /** Adds the entries of the maps a merge key names that neither the map nor an earlier merged map set. */
    private void merge(NodeTuple entry, ObjectNode map, Set<String> ownKeys, int depth) throws CatalogException {
        for (Node merged : mergedMaps(entry)) {
            for (Map.Entry<String, JsonNode> field : copy(merged, depth).properties()) {
                if (!ownKeys.contains(field.getKey()) && !map.has(field.getKey())) {
                    map.set(field.getKey(), field.getValue());
                }
            }
        }
    }

    /**
     * The maps a merge key names: one map, or a list of maps. A problem is placed at the key, since
     * the value may be an alias, whose node is placed where its anchor is.
     */
    private List<Node> mergedMaps(NodeTuple entry) throws CatalogException {
        Node value = entry.getValueNode();
        List<Node> maps = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        for (Node map : maps) {
            if (!(map instanceof MappingNode)) {
                throw syntaxError(entry.getKeyNode().getStartMark(),
                        "the merge key << needs a map or a list of maps, such as <<: *defaults");
            }
        }
        return maps;
    }

    private String key(Node key) throws CatalogException {
        if (key instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw syntaxError(key.getStartMark(), "a key must be a single value, not a map or a list");
    }

    private CatalogException syntaxError(Mark mark, String reason) {
        return YamlDocument.syntaxError(sourceName, mark, reason);
    }

    private CatalogException failure(String message) {
        return YamlDocument.failure(sourceName, message);
    }
}
