package dev.ticketsmith.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The validated catalogue: the environments, services and databases the bot may act on, in the
 * order they are declared. Immutable; build one with {@link CatalogLoader}.
 *
 * <p>Looking up a name that does not exist is a normal answer ({@link Optional#empty()}); the
 * {@code unknown…} methods word the reply for the user.
 */
public final class Catalog {

    private final List<String> pipeline;
    private final String defaultEnvironment;
    private final Map<String, EnvironmentSpec> environments;
    private final Map<String, ResolvedService> services;
    private final Map<String, DatabaseSpec> databases;
    private final Map<String, ApiClientSpec> apiClients;

    Catalog(List<String> pipeline, String defaultEnvironment, Map<String, EnvironmentSpec> environments,
            Map<String, ResolvedService> services, Map<String, DatabaseSpec> databases, Map<String, ApiClientSpec> apiClients) {
        this.pipeline = List.copyOf(pipeline);
        this.defaultEnvironment = defaultEnvironment;
        this.environments = ordered(environments);
        this.services = ordered(services);
        this.databases = ordered(databases);
        this.apiClients = ordered(apiClients);
    }

    /** The promotion order: {@code promote} moves a release one step along it. May be empty. */
    public List<String> pipeline() {
        return pipeline;
    }

    /** The environment before {@code environment} in the pipeline: where what comes to it runs first. */
    public Optional<String> previousInPipeline(String environment) {
        int i = pipeline.indexOf(environment);
        return i > 0 ? Optional.of(pipeline.get(i - 1)) : Optional.empty();
    }

    /** The pipeline's last environment, where a promotion without a version goes unless told otherwise. */
    public Optional<String> endOfPipeline() {
        return pipeline.size() < 2 ? Optional.empty() : Optional.of(pipeline.get(pipeline.size() - 1));
    }

    /** The environment commands act on when none is named. */
    public String defaultEnvironment() {
        return defaultEnvironment;
    }

    /** All environments by name, in declaration order. */
    public Map<String, EnvironmentSpec> environments() {
        return environments;
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return Optional.ofNullable(environments.get(name));
    }

    /** The service names, in declaration order. */
    public List<String> services() {
        return List.copyOf(services.keySet());
    }

    /** A service's base definition, without any environment's overrides. */
    public Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name)).map(ResolvedService::base);
    }

    /**
     * A service's settings in one environment, with that environment's overrides applied.
     *
     * @throws NoSuchElementException when there is no such service or it is not deployed in that
     *     environment; check with {@link #servicesIn(String)} first when the names come from a user
     */
    public ServiceSpec service(String name, String environment) {
        ResolvedService service = services.get(name);
        if (service == null) {
            throw new NoSuchElementException(unknownService(name));
        }
        ServiceSpec spec = service.byEnvironment().get(environment);
        if (spec == null) {
            throw new NoSuchElementException("Service \"" + name + "\" is not deployed in \"" + environment
                    + "\"; it is deployed in " + String.join(", ", deployedIn(name)) + ".");
        }
        return spec;
    }

    /** The environments a service is deployed in, in declaration order; empty for an unknown service. */
    public List<String> deployedIn(String service) {
        ResolvedService resolved = services.get(service);
        return resolved == null ? List.of() : List.copyOf(resolved.byEnvironment().keySet());
    }

    /** The services deployed in an environment, in declaration order. */
    public List<String> servicesIn(String environment) {
        return services.entrySet().stream()
                .filter(entry -> entry.getValue().byEnvironment().containsKey(environment))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The HTTP API's clients by name, in declaration order. */
    public Map<String, ApiClientSpec> apiClients() {
        return apiClients;
    }

    /** All databases by name, in declaration order. */
    public Map<String, DatabaseSpec> databases() {
        return databases;
    }

    public Optional<DatabaseSpec> database(String name) {
        return Optional.ofNullable(databases.get(name));
    }

    /** A reply for a user who named an environment that does not exist, with a suggestion if one is close. */
    public String unknownEnvironment(String name) {
        return unknown("environment", name, List.copyOf(environments.keySet()));
    }

    /** A reply for a user who named a service that does not exist, with a suggestion if one is close. */
    public String unknownService(String name) {
        return unknown("service", name, services());
    }

    private static String unknown(String kind, String name, List<String> known) {
        String hint = Suggestions.closest(name, known).map(guess -> " Did you mean \"" + guess + "\"?").orElse("");
        return "There is no " + kind + " named \"" + name + "\"." + hint + " Known " + kind + "s: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ".";
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
