package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a Jackson YAML tree onto the catalogue records, using the records themselves as the schema:
 * component names are the YAML keys, {@link Default}, {@link Required}, {@link YamlName} and
 * {@link MapKey} say the rest. Left out, an {@code Optional} is empty, a {@code List} is empty, a
 * record takes its own defaults and any other component is {@code null}, for the record's
 * constructor to derive from its other fields.
 *
 * <p>Unlike {@code ObjectMapper.treeToValue} it does not stop at the first mistake: it walks the
 * whole tree, records every unknown key and every value of the wrong kind under its path, and only
 * then gives up on the parts that failed.
 */
final class TreeBinder {

    private static final Object FAILED = new Object();

    private final Problems problems;
    private final Scalars scalars;

    TreeBinder(Problems problems) {
        this.problems = problems;
        this.scalars = new Scalars(problems);
    }

    /**
     * Binds a YAML mapping (or an absent node, meaning all defaults) to {@code type}.
     *
     * @param key the entry's key, given to the {@link MapKey} component if there is one
     * @param ignored keys allowed in the mapping that this record does not bind
     * @return the record, or empty when a problem was recorded
     */
    <T extends Record> Optional<T> bind(JsonNode node, Class<T> type, String path, String key, Set<String> ignored) {
        return success(record(node, type, path, key, ignored)).map(type::cast);
    }

    /** Binds each entry of a mapping to {@code type}; entries with problems are left out. */
    <T extends Record> Map<String, T> bindEach(JsonNode node, Class<T> type, String path) {
        Map<String, T> bound = new LinkedHashMap<>();
        if (!absent(node) && isMapping(node, path)) {
            node.properties().forEach(entry -> bind(entry.getValue(), type, Problems.join(path, entry.getKey()),
                    entry.getKey(), Set.of()).ifPresent(value -> bound.put(entry.getKey(), value)));
        }
        return bound;
    }

    /** Reads a list of names (an absent node is an empty list). */
    Optional<List<String>> names(JsonNode node, String path) {
        return absent(node) ? Optional.of(List.of()) : success(list(node, String.class, path)).map(this::strings);
    }

    /** Reads an optional single name. */
    Optional<String> name(JsonNode node, String path) {
        return absent(node) ? Optional.empty() : scalars.text(node, path).map(String.class::cast);
    }

    /** Whether {@code node} is a mapping; records a problem when it is not. */
    boolean isMapping(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "must be a map of fields (got " + Scalars.describe(node) + ")");
        }
        return node.isObject();
    }

    /** Records every key of the mapping that is not one of {@code known}, suggesting the closest. */
    void rejectUnknownKeys(JsonNode node, Collection<String> known, String path) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                String hint = Suggestions.closest(field, known).map(name -> ", did you mean \"" + name + "\"?").orElse("");
                problems.add(Problems.join(path, field), "unknown field" + hint + " (known: " + String.join(", ", known) + ")");
            }
        });
    }

    /** A record with a scalar form ({@code static ofScalar(String)}, null when the text is not one) read from text. */
    private static Optional<Object> scalarForm(Class<?> type, String text) {
        try {
            return Optional.ofNullable(type.getMethod("ofScalar", String.class).invoke(null, text));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private Object value(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                Object inner = value(node, element, path);
                return inner == FAILED ? FAILED : Optional.of(inner);
            }
            if (raw == List.class) {
                return list(node, element, path);
            }
        }
        Class<?> plain = (Class<?>) type;
        if (plain.isRecord()) {
            return record(node, plain, path, null, Set.of());
        }
        return scalars.read(node, plain, path).orElse(FAILED);
    }

    private Object record(JsonNode node, Class<?> type, String path, String key, Set<String> ignored) {
        if (!absent(node) && node.isTextual()) {
            Optional<Object> scalar = scalarForm(type, node.textValue());
            if (scalar.isPresent()) {
                return scalar.get();
            }
        }
        if (!absent(node) && !isMapping(node, path)) {
            return FAILED;
        }
        RecordSchema schema = RecordSchema.of(type);
        if (!absent(node)) {
            Set<String> known = new LinkedHashSet<>(schema.keys());
            known.addAll(ignored);
            rejectUnknownKeys(node, known, path);
        }
        List<RecordComponent> components = schema.components();
        Object[] arguments = new Object[components.size()];
        boolean failed = false;
        for (int i = 0; i < arguments.length; i++) {
            RecordComponent component = components.get(i);
            if (RecordSchema.isKey(component)) {
                arguments[i] = key;
                continue;
            }
            String name = RecordSchema.yamlName(component);
            arguments[i] = component(absent(node) ? null : node.get(name), component, Problems.join(path, name));
            failed |= arguments[i] == FAILED;
        }
        return failed ? FAILED : schema.construct(arguments);
    }

    private Object component(JsonNode node, RecordComponent component, String path) {
        JsonNode value = absent(node) ? RecordSchema.defaultValue(component).orElse(null) : node;
        if (value != null) {
            return value(value, component.getGenericType(), path);
        }
        if (RecordSchema.isRequired(component)) {
            problems.add(path, "required field is missing");
            return FAILED;
        }
        Class<?> type = component.getType();
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type.isRecord()) {
            return record(null, type, path, null, Set.of());
        }
        if (type.isPrimitive()) {
            throw new IllegalStateException("The catalogue schema gives no default for " + path);
        }
        return null;
    }

    private Object list(JsonNode node, Type element, String path) {
        if (!node.isArray()) {
            problems.add(path, "must be a list (got " + Scalars.describe(node) + ")");
            return FAILED;
        }
        List<Object> items = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (absent(item)) {
                problems.add(Problems.item(path, i), "must not be empty");
                failed = true;
                continue;
            }
            Object value = value(item, element, Problems.item(path, i));
            failed |= value == FAILED;
            items.add(value);
        }
        return failed ? FAILED : List.copyOf(items);
    }

    private static Optional<Object> success(Object value) {
        return value == FAILED ? Optional.empty() : Optional.of(value);
    }

    private List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String.class::cast).toList();
    }
}
