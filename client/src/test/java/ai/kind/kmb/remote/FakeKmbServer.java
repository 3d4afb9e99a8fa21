package ai.kind.kmb.remote;

import ai.kind.kmb.Json;
import ai.kind.kmb.TopicFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A KMB server reduced to what the client's unit tests need: it answers every op, routes pub to
 * the subs of every connection, records what it received, and can be told to misbehave (stay
 * silent on ping, answer with an error, split frames, drop connections). The real server's tests
 * live with the server; this one checks the client's side of the wire.
 */
final class FakeKmbServer implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** One client connection and its subscriptions (sid to filter). */
    final class Conn {
        final WsWire wire;
        final Map<String, String> subs = new ConcurrentHashMap<>();

        Conn(WsWire wire) {
            this.wire = wire;
        }

        void send(JsonNode frame) {
            try {
                wire.sendText(frame.toString(), fragments);
            } catch (IOException e) {
                wire.drop();
            }
        }
    }

    private final ServerSocket server;
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ObjectNode> received = new LinkedBlockingQueue<>();
    private final AtomicLong offsets = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    volatile boolean answerPings = true;
    volatile int fragments = 1;
    /** Answers a frame instead of the default when it returns non-null. */
    volatile Function<ObjectNode, ObjectNode> override = frame -> null;

    private FakeKmbServer(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().name("fake-kmb-accept").start(this::accept);
    }

    static FakeKmbServer start(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new FakeKmbServer(socket);
    }

    int port() {
        return server.getLocalPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    long connectionsAccepted() {
        return accepted.get();
    }

    List<Conn> connections() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("fake-kmb-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Conn conn;
        try {
            conn = new Conn(new WsWire(socket));
        } catch (IOException e) {
            return;
        }
        // Registered before the handshake answers, so that a drop right after connecting reaches it.
        connections.add(conn);
        try {
            if (server.isClosed() || !conn.wire.handshake().equals(RemoteBusOptions.WEBSOCKET_PATH)) {
                return;
            }
            accepted.incrementAndGet();
            for (String text = conn.wire.readText(); text != null; text = conn.wire.readText()) {
                ObjectNode frame = (ObjectNode) Json.mapper().readTree(text);
                received.add(frame);
                ObjectNode answer = override.apply(frame);
                if (answer != null) {
                    conn.send(answer);
                } else {
                    answer(conn, frame);
                }
            }
        } catch (IOException e) {
            // The client went away or the test dropped it.
        } finally {
            connections.remove(conn);
            conn.wire.drop();
        }
    }

    private void answer(Conn conn, ObjectNode frame) {
        long req = frame.path("req").asLong();
        ObjectNode reply = Json.object().put("req", req);
        switch (frame.path("op").asText()) {
            case "hello" -> conn.send(reply.put("op", "welcome").put("client_id", frame.path("client_id").asText("anon"))
                    .put("server", "fake").put("protocol", 1));
            case "pub" -> {
                ObjectNode msg = (ObjectNode) frame.get("msg");
                if (!msg.hasNonNull("id")) {
                    msg.put("id", UUID.randomUUID().toString());
                }
                long offset = offsets.incrementAndGet();
                conn.send(reply.put("op", "puback").put("id", msg.get("id").asText()).put("offset", offset));
                route(msg, offset);
            }
            case "sub" -> {
                conn.subs.put(frame.get("sid").asText(), frame.get("filter").asText());
                conn.send(reply.put("op", "subok").put("sid", frame.get("sid").asText()));
            }
            case "unsub" -> {
                conn.subs.remove(frame.get("sid").asText());
                conn.send(reply.put("op", "ok"));
            }
            case "ping" -> {
                if (answerPings) {
                    conn.send(reply.put("op", "pong"));
                }
            }
            default -> conn.send(reply.put("op", "ok"));
        }
    }

    private void route(ObjectNode msg, long offset) {
        String topic = msg.get("topic").asText();
        for (Conn conn : connections) {
            conn.subs.forEach((sid, filter) -> {
                if (TopicFilter.parse(filter).matches(topic)) {
                    conn.send(msgFrame(sid, offset, msg));
                }
            });
        }
    }

    static ObjectNode msgFrame(String sid, long offset, JsonNode msg) {
        ObjectNode frame = Json.object().put("op", "msg").put("sid", sid).put("delivery", 1).put("offset", offset);
        frame.set("msg", msg);
        return frame;
    }

    static ObjectNode error(long req, String code, String message) {
        ObjectNode error = Json.object().put("op", "error").put("req", req).put("code", code).put("message", message);
        error.putArray("details").addObject().put("field", "filter").put("reason", "denied");
        return error;
    }

    /** The next frame received with this op; frames of other ops before it are passed over. */
    ObjectNode next(String op) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            ObjectNode frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.path("op").asText().equals(op)) {
                return frame;
            }
        }
        throw new AssertionError("no '" + op + "' frame within " + PATIENCE);
    }

    /** Cuts every connection without a close frame, as a crash or a network failure would. */
    void dropConnections() {
        connections.forEach(conn -> conn.wire.drop());
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
