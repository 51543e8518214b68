package dev.ticketsmith.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local stand-in for Slack's Web API and for {@code response_url}s. It answers the methods
 * TICKETSMITH calls the way Slack does, records every call, and on demand answers 429 with
 * {@code Retry-After} or a 5xx.
 */
public final class FakeSlackApi {

    /** One recorded call: the method (or {@code response_url}), its parameters and when it came. */
    public record Call(String method, Map<String, String> params, String body, Instant at) {
        public String param(String name) {
            return params.get(name);
        }
    }

    private record Failure(int status, String retryAfter, String error) {
    }

    private final HttpServer server;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ConcurrentLinkedQueue<Failure>> failures = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    /** Message timestamps in microseconds, from now: unique even across fakes (an app restarted for another test profile makes a new one). */
    private final AtomicLong ts = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Map<String, Integer> perMinuteLimits = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<Instant>> served = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> limited = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.UnaryOperator<String>> answers = new ConcurrentHashMap<>();

    public FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A {@code response_url} whose posts this fake records under {@code response_url:<id>}. */
    public String responseUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
    }

    public void stop() {
        server.stop(0);
    }

    /** The next {@code times} calls of {@code method} answer {@code status} (with Retry-After for 429). */
    public void failNext(String method, int status, String retryAfter, int times) {
        var queue = failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(status, retryAfter, status == 429 ? "ratelimited" : "internal_error"));
        }
    }

    /** The next {@code times} calls of {@code method} answer 200 with {@code {"ok":false,"error":<error>}}, as Slack refuses. */
    public void refuseNext(String method, String error, int times) {
        var queue = failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(200, null, error));
        }
    }

    /** From now on, answers 429 (Retry-After: 1) to calls of {@code method} beyond {@code perMinute} in any 60 seconds, as Slack does. */
    public void enforcePerMinute(String method, int perMinute) {
        perMinuteLimits.put(method, perMinute);
    }

    /** Stops enforcing a limit set with {@link #enforcePerMinute}. */
    public void stopEnforcing(String method) {
        perMinuteLimits.remove(method);
        served.remove(method);
    }

    /** How many calls of {@code method} this fake answered with 429 because of {@link #enforcePerMinute}. */
    public int rateLimited(String method) {
        return limited.getOrDefault(method, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    /**
     * From now on {@code method} is answered by {@code byAuthorization}, which gets the request's
     * {@code Authorization} header (or "" without one) and returns the JSON body. Survives {@link #reset}.
     */
    public void answerWith(String method, java.util.function.UnaryOperator<String> byAuthorization) {
        answers.put(method, byAuthorization);
    }

    public void setGroupMembers(String groupId, Set<String> users) {
        groups.put(groupId, Set.copyOf(users));
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(Predicate<Call> filter) {
        return calls().stream().filter(filter).toList();
    }

    public List<Call> calls(String method) {
        return calls(c -> c.method().equals(method));
    }

    public void reset() {
        calls.clear();
        failures.clear();
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(method, parseForm(body), body, Instant.now()));
        Failure failure = failures.getOrDefault(method, new ConcurrentLinkedQueue<>()).poll();
        if (failure != null) {
            if (failure.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            send(exchange, failure.status(), "{\"ok\":false,\"error\":\"" + failure.error() + "\"}");
            return;
        }
        if (overLimit(method)) {
            limited.computeIfAbsent(method, m -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        var custom = answers.get(method);
        if (custom != null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            send(exchange, 200, custom.apply(authorization == null ? "" : authorization));
            return;
        }
        send(exchange, 200, answer(method, parseForm(body)));
    }

    private boolean overLimit(String method) {
        Integer limit = perMinuteLimits.get(method);
        if (limit == null) {
            return false;
        }
        java.util.Deque<Instant> window = served.computeIfAbsent(method, m -> new java.util.ArrayDeque<>());
        synchronized (window) {
            Instant now = Instant.now();
            while (!window.isEmpty() && window.peekFirst().isBefore(now.minusSeconds(60))) {
                window.pollFirst();
            }
            if (window.size() >= limit) {
                return true;
            }
            window.addLast(now);
            return false;
        }
    }

    private String answer(String method, Map<String, String> p) {
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://fake.slack.test/\",\"team\":\"Fake\",\"user\":\"ticketsmith\","
                    + "\"team_id\":\"T0FAKE\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + p.get("channel") + "\",\"ts\":\"" + nextTs() + "\"}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + p.get("channel") + "\",\"ts\":\"" + p.get("ts") + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":["
                    + String.join(",", groups.getOrDefault(p.get("usergroup"), Set.of()).stream().map(u -> "\"" + u + "\"").toList())
                    + "]}";
            default -> "{\"ok\":true}";
        };
    }

    private void respond(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/respond/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call("response_url:" + id, Map.of(), body, Instant.now()));
        send(exchange, 200, "ok");
    }

    private String nextTs() {
        long v = ts.incrementAndGet();
        return (v / 1_000_000) + "." + String.format("%06d", v % 1_000_000);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isEmpty() || body.startsWith("{")) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
