package dev.ticketsmith.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the test catalogue's smoke URLs and Prometheus point at (127.0.0.1:18765): smoke checks
 * answer a status and every Prometheus query returns one value, both 200 / 0.001 unless a test
 * steers them (a metric value of {@code none} answers no data, {@code series:N} N series).
 */
public final class LocalEndpoints {

    public static final int PORT = 18765;

    private LocalEndpoints() {
    }

    public static HttpServer start() throws IOException {
        return start(() -> 200, () -> "0.001", query -> {
        });
    }

    /**
     * @param smokeStatus what smoke checks answer, asked at each request
     * @param metricValue what every Prometheus query returns, asked at each request
     * @param queries told each query received, decoded
     */
    public static HttpServer start(IntSupplier smokeStatus, Supplier<String> metricValue, Consumer<String> queries) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(smokeStatus.getAsInt(), -1);
            exchange.close();
        });
        server.createContext("/prom/api/v1/query", exchange -> {
            queries.accept(URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("query=".length()), StandardCharsets.UTF_8));
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result(metricValue.get())
                    + "}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * Makes {@code server} also a registry (the test catalogue's images live at 127.0.0.1:18765):
     * {@code repository:tag}'s manifest answers with the digest given, asked at each request.
     */
    public static void manifest(HttpServer server, String repository, String tag, Supplier<String> digest) {
        server.createContext("/v2/" + repository + "/manifests/" + tag, exchange -> {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest.get());
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    /** A vector result: {@code none} is empty, {@code series:N} holds N series, anything else is one series with that value. */
    private static String result(String value) {
        if (value.equals("none")) {
            return "[]";
        }
        int series = value.startsWith("series:") ? Integer.parseInt(value.substring(7)) : 1;
        String sample = value.startsWith("series:") ? "0.001" : value;
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < series; i++) {
            out.append(i == 0 ? "" : ",").append("{\"metric\":{\"pod\":\"p").append(i).append("\"},\"value\":[1700000000.0,\"")
                    .append(sample).append("\"]}");
        }
        return out.append("]").toString();
    }
}
