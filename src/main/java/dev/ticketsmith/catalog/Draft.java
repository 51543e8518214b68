package dev.ticketsmith.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalogue as read, before validation: the parts that bound, and the names of every entry
 * (including those that failed to bind) so that references can still be checked.
 *
 * @param readablePipeline the pipeline, or empty when it is not a list of names
 */
record Draft(
        Optional<List<String>> readablePipeline,
        Optional<String> explicitDefaultEnvironment,
        List<String> environmentNames,
        Map<String, EnvironmentSpec> environments,
        List<String> serviceNames,
        Map<String, ResolvedService> services,
        List<String> databaseNames,
        Map<String, DatabaseSpec> databases,
        List<String> apiClientNames,
        Map<String, ApiClientSpec> apiClients) {

    /** The pipeline, or empty when it could not be read (that problem is already recorded). */
    List<String> pipeline() {
        return readablePipeline.orElse(List.of());
    }

    /** The environment commands use when none is named: explicit, else first of the pipeline, else the only one. */
    Optional<String> defaultEnvironment() {
        if (explicitDefaultEnvironment.isPresent()) {
            return explicitDefaultEnvironment;
        }
        List<String> pipeline = pipeline();
        if (!pipeline.isEmpty()) {
            return Optional.of(pipeline.get(0));
        }
        return environmentNames.size() == 1 ? Optional.of(environmentNames.get(0)) : Optional.empty();
    }

    /** The environments a service is deployed in, or none when it failed to bind. */
    List<String> deployedIn(String service) {
        ResolvedService resolved = services.get(service);
        return resolved == null ? List.of() : List.copyOf(resolved.byEnvironment().keySet());
    }

    /** The catalogue; only called once validation found no problem. */
    Catalog toCatalog() {
        return new Catalog(pipeline(), defaultEnvironment().orElseThrow(), environments, services, databases, apiClients);
    }
}
