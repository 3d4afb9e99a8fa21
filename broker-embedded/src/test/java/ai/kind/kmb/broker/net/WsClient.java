package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client on the JDK's java.net.http, collecting the server's frames for tests. */
public final class WsClient implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** Frames taken from the queue but not yet wanted; only the test thread touches it. */
    private final java.util.Deque<JsonNode> held = new java.util.ArrayDeque<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.connectTimeout(PATIENCE).buildAsync(uri, new Collector()).join();
    }

    private WsClient(HttpClient http, URI uri) {
        this(http.newWebSocketBuilder(), uri);
    }

    /** Connects with {@code Authorization: Bearer token} on the upgrade request. */
    static WsClient connectWithBearer(String url, String token) {
        return new WsClient(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token),
                URI.create(url));
    }

    public static WsClient connect(String url) {
        return new WsClient(HttpClient.newHttpClient(), URI.create(url));
    }

    static WsClient connect(HttpClient http, String url) {
        return new WsClient(http, URI.create(url));
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(java.nio.ByteBuffer data) {
        socket.sendBinary(data, true).join();
    }

    public void send(JsonNode frame) {
        send(frame.toString());
    }

    /** Sends a frame and returns the server's answer to its {@code req}, skipping msg frames. */
    public JsonNode call(ObjectNode frame) {
        send(frame);
        long req = frame.get("req").asLong();
        return nextMatching(node -> node.path("req").asLong(-1) == req && node.has("req"));
    }

    JsonNode next() {
        if (!held.isEmpty()) {
            return held.removeFirst();
        }
        try {
            JsonNode frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + PATIENCE);
            }
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next frame, or null if none came within {@code wait}. */
    public JsonNode poll(Duration wait) {
        if (!held.isEmpty()) {
            return held.removeFirst();
        }
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame matching, keeping the others for later calls in their order. */
    JsonNode nextMatching(java.util.function.Predicate<JsonNode> wanted) {
        List<JsonNode> skipped = new ArrayList<>();
        try {
            while (true) {
                JsonNode frame = next();
                if (wanted.test(frame)) {
                    return frame;
                }
                skipped.add(frame);
            }
        } finally {
            // Skipped frames go back in front, in order, for the next call.
            for (int i = skipped.size() - 1; i >= 0; i--) {
                held.addFirst(skipped.get(i));
            }
        }
    }

    JsonNode nextMsg() {
        return nextMatching(node -> node.path("op").asText().equals("msg"));
    }

    /** Frames that arrive within {@code wait}. */
    List<JsonNode> quietFor(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<JsonNode> rest = new ArrayList<>(held);
        held.clear();
        frames.drainTo(rest);
        return rest;
    }

    /** The close code the server sent, waiting for it. */
    int closeCode() {
        return closeCode.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone() || socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    public static ObjectNode frame(String op, long req) {
        return Json.object().put("op", op).put("req", req);
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Json.mapper().readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new AssertionError("server sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
