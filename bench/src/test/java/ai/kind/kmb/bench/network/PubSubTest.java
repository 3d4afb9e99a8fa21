package ai.kind.kmb.bench.network;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.bench.Service;
import ai.kind.kmb.bench.ServerAvailable;
import ai.kind.kmb.bench.Workload;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The network suite is only fair if every peer hands every message to every subscriber, in order. */
class PubSubTest {
    private static final int SUBSCRIBERS = 3;
    private static final int MESSAGES = 1_000;

    private static final Peers PEERS = new Peers();

    @AfterAll
    static void stopKmbd() {
        PEERS.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmb", "nats", "redis", "mqtt"})
    void everySubscriberGetsEveryMessageInOrder(String peer) throws InterruptedException {
        ServerAvailable.orSkip(PubSub.problem(peer));
        AtomicLongArray counts = new AtomicLongArray(SUBSCRIBERS);
        AtomicLongArray outOfOrder = new AtomicLongArray(SUBSCRIBERS);
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        try (PubSub pubSub = PEERS.connect(peer, Service.runId(), SUBSCRIBERS, (subscriber, payload) -> {
            long n = counts.incrementAndGet(subscriber);
            if (payload.get().path("n").asLong() != n) {
                outOfOrder.incrementAndGet(subscriber);
            }
            if (n == MESSAGES) {
                done.countDown();
            }
        })) {
            for (int i = 1; i <= MESSAGES; i++) {
                pubSub.publish(Workload.payload().put("n", i));
            }
            // A generous bound on a hang, not a timing check.
            assertThat(done.await(60, TimeUnit.SECONDS)).as("all delivered; " + pubSub.failures()).isTrue();
            assertThat(pubSub.failures()).isEmpty();
        }
        for (int i = 0; i < SUBSCRIBERS; i++) {
            assertThat(counts.get(i)).as("subscriber " + i).isEqualTo(MESSAGES);
            assertThat(outOfOrder.get(i)).as("subscriber " + i + " out of order").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmb", "nats", "redis", "mqtt"})
    void batchesOpenOnceEverySubscriberHasTheBatch(String peer) throws InterruptedException {
        ServerAvailable.orSkip(PubSub.problem(peer));
        Batches batches = new Batches(SUBSCRIBERS);
        try (PubSub pubSub = PEERS.connect(peer, Service.runId(), SUBSCRIBERS, batches)) {
            for (int batch = 1; batch <= 3; batch++) {
                batches.expect(500);
                for (int i = 0; i < 500; i++) {
                    pubSub.publish(Workload.payload());
                }
                assertThat(batches.await(Duration.ofSeconds(60))).as(batches.received()).isTrue();
            }
            assertThat(batches.received()).isEqualTo("[1500, 1500, 1500] of 1500");
        }
    }
}
