package dev.ticketsmith.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A registry on 127.0.0.1 and a free port, for {@link RegistryDigestsTest}: each test says how
 * paths answer; the fake writes down every request it gets.
 */
final class FakeRegistry implements AutoCloseable {

    /** One request as the fake saw it. */
    record Seen(String method, String path, String query, String authorization, String accept) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    /** Answers requests to a path (and below it) with a handler. */
    FakeRegistry on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Accept")));
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    /** A handler that answers nothing until the fake is closed. */
    HttpHandler silent() {
        return exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** {@code 127.0.0.1:port}, as an image reference names it. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    static void answer(HttpExchange exchange, int status, String body, String... headerPairs) throws IOException {
        for (int i = 0; i < headerPairs.length; i += 2) {
            exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (release.getCount() == 0) {
            return;
        }
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
