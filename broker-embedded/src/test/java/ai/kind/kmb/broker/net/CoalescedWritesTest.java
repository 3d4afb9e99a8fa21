package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes to one connection are batched from many threads (each subscription delivers on its own, and
 * answers come from publishes completing): nothing may be lost or reordered by it. Several publishers
 * publish at once over connections of their own; every publish is answered once, and each of two
 * subscriptions on one connection gets every message, each publisher's in the order it published.
 */
class CoalescedWritesTest {
    private static final int PUBLISHERS = 4;
    private static final int MESSAGES = 1500;

    private final TestServer server = new TestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void concurrentPublishersReachEverySubscriptionWholeAndInPublisherOrder() throws Exception {
        try (WsClient subscriber = server.client()) {
            for (String sid : List.of("all", "one-level")) {
                subscriber.call(frame("sub", sid.length()).put("sid", sid)
                        .put("filter", sid.equals("all") ? "load.#" : "load.*")
                        .put("max_inflight", SubscribeFrames.MAX_INFLIGHT_CAP));
            }
            List<Future<Set<Long>>> answered = new ArrayList<>();
            try (ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS)) {
                for (int p = 0; p < PUBLISHERS; p++) {
                    int publisher = p;
                    answered.add(publishers.submit(() -> publish(publisher)));
                }
                for (Future<Set<Long>> acks : answered) {
                    assertThat(acks.get()).hasSize(MESSAGES);
                }
            }

            Map<String, Integer> next = new HashMap<>();
            for (int received = 0; received < 2 * PUBLISHERS * MESSAGES; received++) {
                JsonNode msg = subscriber.nextMsg();
                String stream = msg.path("sid").asText() + "/" + msg.at("/msg/payload/p").asInt();
                int expected = next.getOrDefault(stream, 0);
                assertThat(msg.at("/msg/payload/n").asInt()).as("next message of %s", stream).isEqualTo(expected);
                next.put(stream, expected + 1);
            }
            assertThat(next).hasSize(2 * PUBLISHERS).allSatisfy((stream, count) -> assertThat(count).isEqualTo(MESSAGES));
        }
    }

    /** Publishes without waiting, then collects the answers: the reqs that got a puback. */
    private Set<Long> publish(int publisher) {
        try (WsClient client = server.client()) {
            for (int n = 0; n < MESSAGES; n++) {
                client.send(frame("pub", n).put("durable", false).set("msg", Json.object()
                        .put("topic", "load.p" + publisher).set("payload", Json.object().put("p", publisher).put("n", n))));
            }
            Set<Long> acks = new HashSet<>();
            while (acks.size() < MESSAGES) {
                JsonNode answer = client.next();
                assertThat(answer.path("op").asText()).isEqualTo("puback");
                assertThat(acks.add(answer.path("req").asLong())).as("one answer per publish").isTrue();
            }
            return acks;
        }
    }
}
