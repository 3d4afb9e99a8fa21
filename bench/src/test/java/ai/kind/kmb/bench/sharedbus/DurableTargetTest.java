package ai.kind.kmb.bench.sharedbus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.bench.Service;
import ai.kind.kmb.bench.ServerAvailable;
import ai.kind.kmb.bench.Workload;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared-bus suite is only fair if every target stores every acknowledged message and hands it
 * to the durable subscriber in order, and it must leave nothing behind on the shared servers.
 */
class DurableTargetTest {
    private static final int MESSAGES = 300;

    @ParameterizedTest
    @ValueSource(strings = {"kmb-redis", "kmb-postgres", "redis-xadd", "jetstream", "kmb-sqlite"})
    void theDurableSubscriberGetsEveryAcknowledgedMessageInOrder(String name) throws Exception {
        ServerAvailable.orSkip(DurableTarget.problem(name));
        AtomicLong received = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (DurableTarget target = DurableTarget.open(name, Service.runId());
             AutoCloseable subscription = target.subscribe("bench-test", payload -> {
                 long n = received.incrementAndGet();
                 if (payload.get().path("n").asLong() != n) {
                     outOfOrder.incrementAndGet();
                 }
                 if (n == MESSAGES) {
                     done.countDown();
                 }
             })) {
            for (int i = 1; i <= MESSAGES; i++) {
                CompletableFuture<?> ack = target.publish(Workload.payload().put("n", i));
                // Generous bounds on a hang, not timing checks.
                ack.get(30, TimeUnit.SECONDS);
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).as("received " + received.get()).isTrue();
        }
        assertThat(received.get()).isEqualTo(MESSAGES);
        assertThat(outOfOrder.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmb-redis", "kmb-postgres", "redis-xadd", "jetstream"})
    void closingRemovesWhatTheRunMadeOnTheSharedServer(String name) throws Exception {
        ServerAvailable.orSkip(DurableTarget.problem(name));
        String runId = Service.runId();
        try (DurableTarget target = DurableTarget.open(name, runId)) {
            target.publish(Workload.payload()).get(30, TimeUnit.SECONDS);
            assertThat(Leftovers.of(name, runId)).isPositive();
        }
        assertThat(Leftovers.of(name, runId)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmb-redis", "kmb-postgres", "redis-xadd", "jetstream", "kmb-sqlite"})
    void publishLoadCountsEveryAcknowledgedPublishAndNoOther(String name) throws Exception {
        ServerAvailable.orSkip(DurableTarget.problem(name));
        AtomicLong received = new AtomicLong();
        try (DurableTarget target = DurableTarget.open(name, Service.runId());
             AutoCloseable subscription = target.subscribe("bench-test", payload -> received.incrementAndGet())) {
            PublishLoad.Result result;
            long total = 0;
            // Short loads until one had an acknowledgement: a loaded machine may give a load none.
            do {
                result = new PublishLoad(target, 4).run(Duration.ZERO, Duration.ofMillis(200));
                total += result.total();
                assertThat(result.acked()).isLessThanOrEqualTo(result.total());
            } while (result.total() == 0);
            long expected = total;
            // A generous bound on a hang, not a timing check.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received.get()).isEqualTo(expected);
        }
    }
}
