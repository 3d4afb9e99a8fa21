package ai.kind.kmb.broker.kmbd;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.net.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise over the network: kmbd is killed with SIGKILL while several clients
 * publish durable messages; after a restart on the same data, every message that got a puback is
 * in the history exactly once.
 */
class KillNineTest {
    private static final int CLIENTS = 4;
    private static final int WINDOW = 100;
    private static final int ACKS_BEFORE_KILL = 2000;

    @TempDir
    Path dir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void everyAcknowledgedDurableMessageSurvivesKillNine() throws Exception {
        Path data = dir.resolve("data");
        try (KmbdProcess kmbd = KmbdProcess.start(dir, "--port", "0", "--data", data.toString())) {
            String url = kmbd.awaitListening();
            List<Thread> publishers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                publishers.add(Thread.ofPlatform().start(() -> publish(url, client)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            kmbd.process.destroyForcibly();
            kmbd.process.waitFor();
            stop.set(true);
            for (Thread publisher : publishers) {
                publisher.join(Duration.ofSeconds(30));
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (KmbdProcess again = KmbdProcess.start(dir, "--port", "0", "--data", data.toString())) {
            Map<String, Integer> stored = history(again.awaitListening());

            List<String> missing = acknowledged.stream().filter(id -> !stored.containsKey(id)).toList();
            List<String> twice = acknowledged.stream().filter(id -> stored.getOrDefault(id, 0) > 1).toList();
            assertThat(missing).as("acknowledged but lost").isEmpty();
            assertThat(twice).as("stored more than once").isEmpty();
        }
    }

    /** Publishes with up to WINDOW pubs unanswered, as a pipelining SDK would, until the server dies. */
    private void publish(String url, int client) {
        WsClient socket = WsClient.connect(url.replaceFirst("^http", "ws") + "/v1/ws");
        Semaphore window = new Semaphore(WINDOW);
        Map<Long, String> sent = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                JsonNode frame = socket.poll(Duration.ofMillis(100));
                if (frame == null) {
                    continue;
                }
                String id = sent.remove(frame.path("req").asLong());
                if ("puback".equals(frame.path("op").asText()) && id != null) {
                    assertThat(frame.get("id").asText()).isEqualTo(id);
                    acknowledged.add(id);
                }
                window.release();
            }
        });
        try {
            for (long req = 1; !stop.get(); req++) {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        return;
                    }
                }
                String id = "c" + client + "-" + req;
                ObjectNode pub = WsClient.frame("pub", req).put("durable", true);
                pub.putObject("msg").put("id", id).put("topic", "crash.test").putObject("payload").put("n", req);
                sent.put(req, id);
                socket.send(pub);
            }
        } catch (RuntimeException | InterruptedException e) {
            // The server died under the publisher: that is the point of the test.
        } finally {
            stop.set(true);
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.close();
        }
    }

    private static Map<String, Integer> history(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Integer> counts = new HashMap<>();
        long after = 0;
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/v1/messages?filter=crash.test&limit=10000&after=" + after)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.mapper().readTree(page.body());
            body.get("messages").forEach(message -> counts.merge(message.at("/msg/id").asText(), 1, Integer::sum));
            if (body.get("next_after").isNull()) {
                return counts;
            }
            after = body.get("next_after").asLong();
        }
    }
}
