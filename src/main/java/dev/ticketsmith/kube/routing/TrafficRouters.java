package dev.ticketsmith.kube.routing;

import dev.ticketsmith.catalog.TrafficSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The installed routers by kind; a service's {@code traffic.router} picks one. */
@ApplicationScoped
public class TrafficRouters {

    private final Map<TrafficSpec.Router, TrafficRouter> routers = new EnumMap<>(TrafficSpec.Router.class);

    TrafficRouters(Instance<TrafficRouter> installed) {
        installed.forEach(r -> routers.put(r.kind(), r));
    }

    public Optional<TrafficRouter> forKind(TrafficSpec.Router kind) {
        return Optional.ofNullable(routers.get(kind));
    }
}
