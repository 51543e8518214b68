package dev.ticketsmith.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one catalogue record type expects from YAML, read from its components and their
 * {@link Default}, {@link Required}, {@link YamlName} and {@link MapKey} annotations, and how to
 * build it.
 */
final class RecordSchema {

    private static final ObjectMapper DEFAULTS = new ObjectMapper(new YAMLFactory());
    private static final Map<Class<?>, RecordSchema> CACHE = new ConcurrentHashMap<>();

    private final Class<?> type;
    private final List<RecordComponent> components;
    private final List<String> keys;

    private RecordSchema(Class<?> type) {
        this.type = type;
        this.components = List.of(type.getRecordComponents());
        this.keys = components.stream().filter(c -> !isKey(c)).map(RecordSchema::yamlName).toList();
    }

    static RecordSchema of(Class<?> type) {
        return CACHE.computeIfAbsent(type, RecordSchema::new);
    }

    /** The components, in constructor order. */
    List<RecordComponent> components() {
        return components;
    }

    /** The YAML keys the record reads, in declaration order. */
    List<String> keys() {
        return keys;
    }

    /** Whether the component receives the entry's key rather than a YAML field. */
    static boolean isKey(RecordComponent component) {
        return component.isAnnotationPresent(MapKey.class);
    }

    static boolean isRequired(RecordComponent component) {
        return component.isAnnotationPresent(Required.class);
    }

    static String yamlName(RecordComponent component) {
        YamlName name = component.getAnnotation(YamlName.class);
        return name == null ? component.getName() : name.value();
    }

    /** The component's {@link Default} as a YAML tree, to be bound like a value from the file. */
    static Optional<JsonNode> defaultValue(RecordComponent component) {
        Default fallback = component.getAnnotation(Default.class);
        if (fallback == null) {
            return Optional.empty();
        }
        if (component.getType() == String.class) {
            return Optional.of(TextNode.valueOf(fallback.value()));
        }
        try {
            return Optional.of(DEFAULTS.readTree(fallback.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalogue schema has an unreadable default: " + fallback.value(), e);
        }
    }

    /** Calls the canonical constructor. */
    Object construct(Object[] arguments) {
        Class<?>[] types = components.stream().map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName() + " from the catalogue: "
                    + Arrays.toString(arguments), e);
        }
    }
}
