package dev.ticketsmith.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service as read from the catalogue: its base definition and its settings in each environment
 * it is deployed in, in the catalogue's environment order.
 */
record ResolvedService(ServiceSpec base, Map<String, ServiceSpec> byEnvironment) {

    ResolvedService {
        byEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(byEnvironment));
    }
}
