package dev.ticketsmith.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md in step with the records: every YAML key is documented. */
class ConfigurationDocsTest {

    @Test
    void everyCatalogueFieldIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        Set<String> keys = new LinkedHashSet<>(CatalogReader.ROOT_KEYS);
        keys.addAll(ServiceResolver.ENTRY_KEYS);
        for (Class<?> type : List.of(EnvironmentSpec.class, ServiceSpec.class, DatabaseSpec.class)) {
            collectKeys(type, keys);
        }

        List<String> undocumented = new ArrayList<>();
        for (String key : keys) {
            if (!docs.contains("`" + key + "`") && !docs.contains("." + key + "`")) {
                undocumented.add(key);
            }
        }

        assertEquals(List.of(), undocumented);
    }

    private static void collectKeys(Class<?> type, Set<String> keys) {
        keys.addAll(RecordSchema.of(type).keys());
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> nested = innermost(component.getGenericType());
            if (nested.isRecord()) {
                collectKeys(nested, keys);
            }
        }
    }

    private static Class<?> innermost(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return innermost(parameterized.getActualTypeArguments()[0]);
        }
        return (Class<?>) type;
    }
}
