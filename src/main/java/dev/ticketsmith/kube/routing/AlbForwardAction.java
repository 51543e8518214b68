package dev.ticketsmith.kube.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON of an AWS Load Balancer Controller weighted forward action
 * ({@code alb.ingress.kubernetes.io/actions.<name>}): two target groups, stable and canary, with
 * their weights. Other settings of an existing action (stickiness, for one) are kept.
 */
final class AlbForwardAction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlbForwardAction() {
    }

    /** The action with the given weights, built on {@code existing} (which may be null). */
    static String withWeights(String existing, String stable, String canary, int port, int canaryWeight) {
        ObjectNode action = parse(existing).orElseGet(JSON::createObjectNode);
        action.put("type", "forward");
        ObjectNode forward = action.has("forwardConfig") && action.get("forwardConfig").isObject()
                ? (ObjectNode) action.get("forwardConfig") : action.putObject("forwardConfig");
        ArrayNode groups = JSON.createArrayNode();
        groups.add(group(stable, port, 100 - canaryWeight));
        groups.add(group(canary, port, canaryWeight));
        others(forward, stable, canary).forEach(groups::add); // target groups of the user's own are kept
        forward.set("targetGroups", groups);
        return action.toString();
    }

    /** The target groups of an action that are neither the stable nor the canary Service. */
    private static java.util.List<JsonNode> others(ObjectNode forward, String stable, String canary) {
        java.util.List<JsonNode> others = new java.util.ArrayList<>();
        for (JsonNode g : forward.path("targetGroups")) {
            String service = g.path("serviceName").asText();
            if (!service.equals(stable) && !service.equals(canary)) {
                others.add(g);
            }
        }
        return others;
    }

    /**
     * The action forwarding to the stable Service alone, built on {@code existing} (which may be
     * null): the canary's target group goes, and a single target group carries no weight (the
     * controller wants weights only when it forwards to several).
     */
    static String withoutCanary(String existing, String stable, String canary, int port) {
        ObjectNode action = parse(existing).orElseGet(JSON::createObjectNode);
        action.put("type", "forward");
        ObjectNode forward = action.has("forwardConfig") && action.get("forwardConfig").isObject()
                ? (ObjectNode) action.get("forwardConfig") : action.putObject("forwardConfig");
        ArrayNode groups = JSON.createArrayNode();
        others(forward, stable, canary).forEach(groups::add);
        ObjectNode stableGroup = group(stable, port, 100);
        if (groups.isEmpty()) {
            stableGroup.remove("weight");
        }
        groups.insert(0, stableGroup);
        forward.set("targetGroups", groups);
        return action.toString();
    }

    /** Whether an action names the canary Service in any of its target groups. */
    static boolean namesCanary(String existing, String canary) {
        return canaryWeight(existing, canary).isPresent();
    }

    /** The canary's weight in an action, if the action names the canary Service. */
    static OptionalInt canaryWeight(String existing, String canary) {
        return parse(existing).map(a -> a.path("forwardConfig").path("targetGroups"))
                .flatMap(groups -> {
                    for (JsonNode g : groups) {
                        if (canary.equals(g.path("serviceName").asText())) {
                            return Optional.of(OptionalInt.of(g.path("weight").asInt()));
                        }
                    }
                    return Optional.empty();
                }).orElse(OptionalInt.empty());
    }

    /** True when two action texts mean the same JSON. */
    static boolean same(String a, String b) {
        return parse(a).equals(parse(b)) && parse(a).isPresent();
    }

    private static ObjectNode group(String service, int port, int weight) {
        ObjectNode g = JSON.createObjectNode();
        g.put("serviceName", service);
        g.put("servicePort", Integer.toString(port));
        g.put("weight", weight);
        return g;
    }

    private static Optional<ObjectNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
