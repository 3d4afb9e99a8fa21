package ai.kind.kmb.bench.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.bench.Workload;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark is only fair if every peer hands every message to every subscriber. */
class FanOutTest {
    private static final int SUBSCRIBERS = 4;
    private static final int MESSAGES = 2_000;

    @ParameterizedTest
    @ValueSource(strings = {"kmb", "queue", "queue-virtual", "vertx"})
    void everySubscriberGetsEveryMessageInOrder(String impl) throws InterruptedException {
        AtomicLongArray counts = new AtomicLongArray(SUBSCRIBERS);
        AtomicLongArray outOfOrder = new AtomicLongArray(SUBSCRIBERS);
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        try (FanOut fanOut = FanOut.create(impl, SUBSCRIBERS, MESSAGES, (subscriber, message) -> {
            long n = counts.incrementAndGet(subscriber);
            if (message.payload().path("n").asLong() != n) {
                outOfOrder.incrementAndGet(subscriber);
            }
            if (n == MESSAGES) {
                done.countDown();
            }
        })) {
            for (int i = 1; i <= MESSAGES; i++) {
                fanOut.publish(Envelope.event(Workload.TOPIC, Workload.payload().put("n", i)));
            }
            // A generous bound on a hang, not a timing check.
            assertThat(done.await(60, TimeUnit.SECONDS)).as("all delivered, dropped " + fanOut.dropped()).isTrue();
            assertThat(fanOut.dropped()).isZero();
        }
        for (int i = 0; i < SUBSCRIBERS; i++) {
            assertThat(counts.get(i)).isEqualTo(MESSAGES);
            assertThat(outOfOrder.get(i)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmb", "queue", "queue-virtual", "vertx"})
    void batchCounterOpensOnceEverySubscriberHasTheBatch(String impl) throws InterruptedException {
        BatchCounter counter = new BatchCounter(SUBSCRIBERS, 500);
        try (FanOut fanOut = FanOut.create(impl, SUBSCRIBERS, 500, counter)) {
            for (int batch = 0; batch < 3; batch++) {
                counter.expectBatch();
                for (int i = 0; i < 500; i++) {
                    fanOut.publish(Workload.event());
                }
                counter.awaitBatch(fanOut);
            }
        }
    }

    @Test
    void theWorkloadPayloadIs256BytesOfJson() throws Exception {
        assertThat(Json.mapper().writeValueAsBytes(Workload.payload())).hasSize(Workload.PAYLOAD_BYTES);
    }
}
