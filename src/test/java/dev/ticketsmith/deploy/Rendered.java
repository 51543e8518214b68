package dev.ticketsmith.deploy;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The objects {@code kubectl kustomize} renders for an overlay, as plain YAML maps, with small
 * typed look-ups for tests. Without kubectl the calling test is skipped, saying so; CI installs it
 * ({@code .ci/run}).
 */
final class Rendered {

    private final String overlay;
    private final List<Map<String, Object>> objects;

    private Rendered(String overlay, List<Map<String, Object>> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    private static final Map<String, Rendered> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay rendered once per test run (the tests only read it). */
    static Rendered overlay(String name) throws IOException, InterruptedException {
        Rendered cached = CACHE.get(name);
        if (cached == null) {
            cached = render(name);
            CACHE.put(name, cached);
        }
        return cached;
    }

    private static Rendered render(String name) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", "deploy/overlays/" + name).redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed, so deploy/ cannot be rendered here (.ci/run installs it): " + e.getMessage());
            throw e;
        }
        p.getOutputStream().close();
        var errors = new java.util.concurrent.CompletableFuture<String>();
        Thread drain = new Thread(() -> {
            try {
                errors.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.complete(e.getMessage());
            }
        });
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl kustomize deploy/overlays/" + name + " did not finish in 60 s");
        }
        drain.join();
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize deploy/overlays/" + name + " failed: " + errors.join());
        }
        return new Rendered(name, parse(out));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
            if (doc != null) {
                objects.add((Map<String, Object>) doc);
            }
        }
        return objects;
    }

    String overlayName() {
        return overlay;
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(str(o, "metadata.name"))).findFirst();
    }

    /** The value at a dotted path of maps (list indexes as numbers), or null. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+")) {
                int i = Integer.parseInt(part);
                current = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    static String str(Object root, String path) {
        Object v = at(root, path);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        Object v = at(root, path);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        Object v = at(root, path);
        return v instanceof List<?> ? (List<Object>) v : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object root, String path) {
        return list(root, path).stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).toList();
    }
}
