package dev.ticketsmith.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What TICKETSMITH asks of the Kubernetes API, read from its fabric8 calls in
 * {@code src/main/java}: for each resource, the RBAC verbs its statements need. A statement that
 * names a resource the table does not know fails, so a new kind of call cannot slip past the RBAC
 * review. How fabric8 7 calls the API server: {@code get()} GET, {@code list()} LIST,
 * {@code edit(…)} GET then a JSON PATCH, {@code create()} POST, {@code createOr(update)} POST then,
 * on a conflict, GET and PUT ({@code update}), {@code delete()} DELETE.
 */
final class KubeCalls {

    /** fabric8 DSL entry (as written after the client) → "apiGroup/resource". */
    private static final Map<String, String> RESOURCES = new LinkedHashMap<>();

    static {
        RESOURCES.put("apps().deployments()", "apps/deployments");
        RESOURCES.put("apps().replicaSets()", "apps/replicasets");
        RESOURCES.put("pods()", "/pods");
        RESOURCES.put("services()", "/services");
        RESOURCES.put("secrets()", "/secrets");
        RESOURCES.put("autoscaling().v2().horizontalPodAutoscalers()", "autoscaling/horizontalpodautoscalers");
        RESOURCES.put("network().v1().ingresses()", "networking.k8s.io/ingresses");
        RESOURCES.put("resources(HTTPRoute.class)", "gateway.networking.k8s.io/httproutes");
        RESOURCES.put("discovery().v1().endpointSlices()", "discovery.k8s.io/endpointslices");
        RESOURCES.put("genericKubernetesResources(CONTEXT)", "elbv2.k8s.aws/targetgroupbindings");
    }

    private static final Map<String, List<String>> VERBS = Map.of(
            ".get()", List.of("get"),
            ".list()", List.of("list"),
            ".edit(", List.of("get", "patch"),
            ".create()", List.of("create"),
            ".createOr(NonDeletingOperation::update)", List.of("create", "get", "update"),
            ".delete()", List.of("delete"));

    private static final Pattern CLIENT_CALL = Pattern.compile("\\b(?:client|kube|local|clusters\\s*\\.\\s*client\\((?:[^()]|\\([^()]*\\))*\\))\\s*\\.\\s*([A-Za-z]+\\([^()]*\\)(?:\\s*\\.\\s*(?:v1|v2)\\(\\))?(?:\\s*\\.\\s*[A-Za-z]+\\(\\))?)");

    private KubeCalls() {
    }

    /** "apiGroup/resource" → verbs, over every Java file under {@code root}. */
    static Map<String, Set<String>> needed(Path root) {
        Map<String, Set<String>> needed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                if (!text.contains("io.fabric8.kubernetes.client") && !text.contains("clusters.client(")) {
                    continue;
                }
                for (String statement : text.split(";")) {
                    collect(file, statement.replaceAll("\\s+", " "), needed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return needed;
    }

    private static void collect(Path file, String statement, Map<String, Set<String>> needed) {
        Matcher m = CLIENT_CALL.matcher(statement);
        while (m.find()) {
            String chain = m.group(1).replace(" ", "");
            if (chain.startsWith("getKubernetesVersion()") || chain.startsWith("getMasterUrl()")) {
                // GET /version, a non-resource URL every authenticated user may read (ClusterRole system:public-info-viewer);
                // the client's own configuration, no call at all
                continue;
            }
            String resource = RESOURCES.entrySet().stream().filter(e -> chain.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError(file + ": a Kubernetes call on `" + chain
                            + "` that KubeCalls does not know: add it there and grant it in deploy/ RBAC"));
            Set<String> verbs = needed.computeIfAbsent(resource, r -> new TreeSet<>());
            String rest = statement.substring(m.end());
            boolean any = false;
            for (var verb : VERBS.entrySet()) {
                if (rest.contains(verb.getKey())) {
                    verbs.addAll(verb.getValue());
                    any = true;
                }
            }
            if (!any) {
                throw new AssertionError(file + ": no known operation after `" + chain + "` in: " + statement.strip());
            }
        }
    }
}
