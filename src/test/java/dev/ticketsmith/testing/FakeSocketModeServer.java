package dev.ticketsmith.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Slack's Socket Mode server. {@link #nextUrl()} is what the fake
 * {@code apps.connections.open} hands out, one ticket per call; every WebSocket that connects gets
 * Slack's {@code hello}; a test sends envelopes and {@code disconnect} messages, drops connections
 * without a close handshake, and awaits the acknowledgements by {@code envelope_id}.
 */
public final class FakeSocketModeServer {

    /** One client connection, by the ticket of the URL it came with. */
    public record Link(int ticket, WebSocket socket, CompletableFuture<Void> closed) {
        public boolean open() {
            return socket.isOpen();
        }
    }

    /** An acknowledgement as received: its JSON and the ticket of the connection it came on. */
    public record Ack(JsonObject json, int ticket) {
        public boolean hasPayload() {
            return json.has("payload");
        }

        public JsonObject payload() {
            return json.getAsJsonObject("payload");
        }
    }

    private final AtomicInteger tickets = new AtomicInteger();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, CompletableFuture<Ack>> acks = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Server server = new Server();

    public void start() throws InterruptedException {
        server.setReuseAddr(true);
        server.start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start");
        }
    }

    public void stop() throws InterruptedException {
        server.stop(1000);
    }

    /** A fresh connection URL, as {@code apps.connections.open} answers: one ticket per call. */
    public String nextUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=" + tickets.incrementAndGet();
    }

    /** How many URLs {@code apps.connections.open} has handed out. */
    public int ticketsIssued() {
        return tickets.get();
    }

    /** The newest connection once it is open and at least the {@code ticket}-th, waiting up to {@code within}. */
    public Link awaitLink(int ticket, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (links) {
                if (!links.isEmpty()) {
                    Link newest = links.get(links.size() - 1);
                    if (newest.ticket() >= ticket && newest.open()) {
                        return newest;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no open connection with ticket " + ticket + " or later within " + within);
    }

    /** The acknowledgement of {@code envelopeId}; fails when none arrives within {@code within}. */
    public Ack awaitAck(String envelopeId, Duration within) throws Exception {
        try {
            return ack(envelopeId).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no acknowledgement of " + envelopeId + " within " + within);
        }
    }

    public void send(Link link, String message) {
        link.socket().send(message);
    }

    /** Sends an envelope and returns its acknowledgement, which must arrive within {@code within}. */
    public Ack sendAndAwaitAck(Link link, String envelope, Duration within) throws Exception {
        String id = JsonParser.parseString(envelope).getAsJsonObject().get("envelope_id").getAsString();
        send(link, envelope);
        return awaitAck(id, within);
    }

    /** Slack's request to reconnect: the client is expected to open a new connection and leave this one. */
    public void requestRefresh(Link link) {
        link.socket().send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake-socket-mode\"}}");
    }

    /** Ends the TCP connection with no close handshake, as a lost network or a killed server does. */
    public void dropAbruptly(Link link) {
        link.socket().closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
    }

    private CompletableFuture<Ack> ack(String envelopeId) {
        return acks.computeIfAbsent(envelopeId, id -> new CompletableFuture<>());
    }

    private final class Server extends WebSocketServer {

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onStart() {
            setConnectionLostTimeout(0);
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            String descriptor = handshake.getResourceDescriptor();
            int ticket = Integer.parseInt(descriptor.substring(descriptor.indexOf("ticket=") + "ticket=".length()));
            Link link = new Link(ticket, socket, new CompletableFuture<>());
            socket.setAttachment(link);
            synchronized (links) {
                links.add(link);
            }
            socket.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake-socket-mode\","
                    + "\"build_number\":1,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0FAKE\"}}");
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            JsonObject json = JsonParser.parseString(message).getAsJsonObject();
            Link link = socket.getAttachment();
            ack(json.get("envelope_id").getAsString()).complete(new Ack(json, link.ticket()));
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            Link link = socket.getAttachment();
            if (link != null) {
                link.closed().complete(null);
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            // a test that needs a connection fails on its own await; nothing to do here
        }
    }
}
