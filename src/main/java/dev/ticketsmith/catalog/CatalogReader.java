package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the top level of a catalogue document into a {@link Draft}, binding each environment,
 * service and database on its own so that a mistake in one does not hide mistakes in the others.
 */
final class CatalogReader {

    /** The keys allowed at the top of a catalogue. */
    static final List<String> ROOT_KEYS = List.of("pipeline", "defaultEnvironment", "environments", "services", "databases", "apiClients");

    private final Problems problems;
    private final TreeBinder binder;

    CatalogReader(Problems problems) {
        this.problems = problems;
        this.binder = new TreeBinder(problems);
    }

    /** The draft, or empty when the document is not a catalogue at all (the problem is recorded). */
    Optional<Draft> read(JsonNode root) {
        if (TreeBinder.absent(root)) {
            problems.add("", "the catalogue is empty: it needs at least one environment under \"environments\"");
            return Optional.empty();
        }
        if (!root.isObject()) {
            problems.add("", "the catalogue must be a map with the keys " + String.join(", ", ROOT_KEYS));
            return Optional.empty();
        }
        binder.rejectUnknownKeys(root, ROOT_KEYS, "");
        Optional<List<String>> pipeline = binder.names(root.get("pipeline"), "pipeline");
        Optional<String> defaultEnvironment = binder.name(root.get("defaultEnvironment"), "defaultEnvironment");
        List<String> environmentNames = keys(root.get("environments"));
        Map<String, EnvironmentSpec> environments = binder.bindEach(root.get("environments"), EnvironmentSpec.class, "environments");
        JsonNode servicesNode = root.get("services");
        List<String> serviceNames = keys(servicesNode);
        Map<String, ResolvedService> services = new LinkedHashMap<>();
        if (!TreeBinder.absent(servicesNode) && binder.isMapping(servicesNode, "services")) {
            ServiceResolver resolver = new ServiceResolver(problems, environmentNames);
            for (String name : serviceNames) {
                resolver.resolve(name, servicesNode.get(name), Problems.join("services", name))
                        .ifPresent(service -> services.put(name, service));
            }
        }
        Map<String, DatabaseSpec> databases = binder.bindEach(root.get("databases"), DatabaseSpec.class, "databases");
        Map<String, ApiClientSpec> apiClients = binder.bindEach(root.get("apiClients"), ApiClientSpec.class, "apiClients");
        return Optional.of(new Draft(pipeline, defaultEnvironment, environmentNames, environments,
                serviceNames, services, keys(root.get("databases")), databases, keys(root.get("apiClients")), apiClients));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }
}
