package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that never reads must cost the server a bounded amount: its deliveries wait on the
 * socket, its subscription drops (counted and announced), and after the write time-out it is cut
 * off; a client reading normally meanwhile gets every message, in order.
 */
class SlowConsumerTest {
    private static final int MESSAGES = 3000;
    private static final String PAYLOAD = "p".repeat(8 * 1024);

    private final TestServer server = new TestServer(ServerLimits.defaults()
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(2)));
    private final ServerMetrics metrics = server.server.metrics();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aClientThatNeverReadsDropsAndIsCutOffWhileAReadingClientGetsEverything() {
        try (WsClient reader = server.client(); StalledSocket stalled = new StalledSocket(server.server.port())) {
            reader.call(frame("sub", 1).put("sid", "load").put("filter", "load.#")
                    .put("max_inflight", SubscribeFrames.MAX_INFLIGHT_CAP));
            reader.call(frame("sub", 2).put("sid", "advisories").put("filter", "_kmb.advisory.slow_consumer"));
            stalled.sendText(frame("sub", 1).put("sid", "load").put("filter", "load.#").put("max_inflight", 10)
                    .toString());
            stalled.sendText(frame("sub", 2).put("sid", "drip").put("filter", "drip").toString());
            awaitTrue("four subscriptions", () -> metrics.subscriptionsOpen.get() == 4, () -> { });

            for (int i = 0; i < MESSAGES; i++) {
                server.broker.publish(Envelope.event("load.data", Json.object().put("n", i).put("pad", PAYLOAD)),
                        PublishOptions.EPHEMERAL).join();
            }

            for (int next = 0; next < MESSAGES; next++) {
                JsonNode msg = reader.nextMatching(node -> node.path("sid").asText().equals("load"));
                assertThat(msg.at("/msg/payload/n").asInt()).isEqualTo(next);
            }
            JsonNode advisory = reader.nextMatching(node -> node.path("sid").asText().equals("advisories"));
            assertThat(advisory.at("/msg/payload/dropped").asLong()).isPositive();
            // The burst may fit in the socket buffers; a steady drip then finds the socket full for good.
            awaitTrue("the stalled client closed as a slow consumer", () -> metrics.slowConsumerCloses.sum() == 1
                    && metrics.subscriptionsOpen.get() == 2, () -> server.broker.publish(Envelope.event("drip",
                    Json.object().put("pad", PAYLOAD))));
            assertThat(metrics.droppedByClosedSubscriptions.sum()).isPositive();
            assertThat(reader.call(frame("ping", 3)).get("op").asText()).isEqualTo("pong");
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition, Runnable meanwhile) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            meanwhile.run();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
