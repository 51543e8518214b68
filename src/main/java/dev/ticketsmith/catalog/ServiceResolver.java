package dev.ticketsmith.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one service entry: binds its base definition, then, for every environment it is deployed
 * in, deep-merges that environment's overrides onto the base ({@link Trees#merge}), binds and
 * validates the result.
 *
 * <p>A problem is reported where it can be fixed: under the service when the base alone has it,
 * under {@code services.<name>.environments.<env>} when only the overridden settings have it.
 */
final class ServiceResolver {

    /** Keys of a service entry that are not settings and cannot be overridden per environment. */
    static final Set<String> ENTRY_KEYS = new LinkedHashSet<>(List.of("deployedIn", "environments"));

    private final Problems problems;
    private final List<String> environments;
    private final Checks checks;
    private final TreeBinder binder;

    ServiceResolver(Problems problems, List<String> environments) {
        this.problems = problems;
        this.environments = environments;
        this.checks = new Checks(problems);
        this.binder = new TreeBinder(problems);
    }

    /** The service filed under {@code name}, or empty when it has problems (all recorded). */
    Optional<ResolvedService> resolve(String name, JsonNode entry, String path) {
        JsonNode node = TreeBinder.absent(entry) ? JsonNodeFactory.instance.objectNode() : entry;
        if (!binder.isMapping(node, path)) {
            return Optional.empty();
        }
        Problems baseFound = new Problems();
        Optional<ServiceSpec> base = new TreeBinder(baseFound).bind(node, ServiceSpec.class, "", name, ENTRY_KEYS);
        problems.addUnder(path, baseFound.list());
        base.ifPresent(spec -> new ServiceRules(baseFound).check(spec));
        Set<Problem> inBase = baseFound.asSet();

        List<String> deployedIn = deployedIn(node.get("deployedIn"), Problems.join(path, "deployedIn"));
        Map<String, JsonNode> overrides = overrides(node.get("environments"), deployedIn, Problems.join(path, "environments"));
        ObjectNode settings = Trees.without(node, ENTRY_KEYS);
        Map<String, ServiceSpec> resolved = new LinkedHashMap<>();
        boolean failed = base.isEmpty();
        for (String environment : environments) {
            if (deployedIn.contains(environment)) {
                Optional<ServiceSpec> spec = resolveIn(name, environment, settings, overrides.get(environment), inBase, path);
                spec.ifPresent(value -> resolved.put(environment, value));
                failed |= spec.isEmpty();
            }
        }
        return failed ? Optional.empty() : Optional.of(new ResolvedService(base.get(), resolved));
    }

    /**
     * The service in one environment, or empty when it has problems. A problem the base settings
     * also have ({@code inBase}) is reported under the service, any other under the override.
     */
    private Optional<ServiceSpec> resolveIn(String name, String environment, ObjectNode settings, JsonNode override,
            Set<Problem> inBase, String path) {
        Problems found = new Problems();
        ObjectNode merged = override == null ? settings : Trees.merge(settings, override);
        Optional<ServiceSpec> spec = new TreeBinder(found).bind(merged, ServiceSpec.class, "", name, ENTRY_KEYS);
        spec.ifPresent(value -> new ServiceRules(found).check(value));
        String overridePath = override == null ? path : Problems.join(path, "environments." + environment);
        for (Problem problem : found.list()) {
            problems.addUnder(inBase.contains(problem) ? path : overridePath, List.of(problem));
        }
        return found.isEmpty() ? spec : Optional.empty();
    }

    private List<String> deployedIn(JsonNode node, String path) {
        if (TreeBinder.absent(node)) {
            return environments;
        }
        List<String> names = binder.names(node, path).orElse(environments);
        if (names.isEmpty()) {
            checks.problem(path, "must list at least one environment; leave it out to deploy everywhere");
        }
        checks.unique(path, names);
        for (int i = 0; i < names.size(); i++) {
            checks.exists(Problems.item(path, i), names.get(i), environments, "environment");
        }
        return names;
    }

    private Map<String, JsonNode> overrides(JsonNode node, List<String> deployedIn, String path) {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        if (TreeBinder.absent(node) || !binder.isMapping(node, path)) {
            return overrides;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String environment = entry.getKey();
            String entryPath = Problems.join(path, environment);
            if (!checks.exists(entryPath, environment, environments, "environment")) {
                continue;
            }
            if (!deployedIn.contains(environment)) {
                checks.problem(entryPath, "the service is not deployed in " + environment
                        + " (deployedIn: " + String.join(", ", deployedIn) + ")");
            } else if (!TreeBinder.absent(entry.getValue()) && binder.isMapping(entry.getValue(), entryPath)) {
                ENTRY_KEYS.stream().filter(entry.getValue()::has).forEach(key -> checks.problem(Problems.join(entryPath, key),
                        "cannot be set per environment; set it on the service itself"));
                overrides.put(environment, Trees.without(entry.getValue(), ENTRY_KEYS));
            }
        }
        return overrides;
    }
}
