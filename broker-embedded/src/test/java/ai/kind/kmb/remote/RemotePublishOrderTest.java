package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK queues frames while a send is in progress and the server batches its writes; neither may
 * lose or reorder anything. Several threads publish through one client without waiting; every
 * publish future completes with the server's acknowledgement of that very message, and two
 * subscribers on another client get every message, each thread's in the order it published.
 */
class RemotePublishOrderTest {
    private static final int THREADS = 4;
    private static final int MESSAGES = 2_000;

    private final LiveServer server = new LiveServer();
    private final RemoteBus publisher = server.connect();
    private final RemoteBus subscriber = server.connect();

    @AfterEach
    void close() {
        publisher.close();
        subscriber.close();
        server.close();
    }

    @Test
    void publishesFromManyThreadsAreAllAckedAndDeliveredInEachThreadsOrder() throws Exception {
        List<Map<Integer, Integer>> nextPerThread = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        AtomicInteger outOfOrder = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(2 * THREADS * MESSAGES);
        for (Map<Integer, Integer> next : nextPerThread) {
            subscriber.subscribe(SubscribeOptions.ephemeral("orders.#").withMaxInflight(10_000), delivery -> {
                int thread = delivery.message().payload().path("thread").asInt();
                int n = delivery.message().payload().path("n").asInt();
                if (next.getOrDefault(thread, 0) != n) {
                    outOfOrder.incrementAndGet();
                }
                next.put(thread, n + 1);
                delivered.countDown();
            });
        }

        List<CompletableFuture<Boolean>> acked = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.submit(() -> {
                    for (int n = 0; n < MESSAGES; n++) {
                        Envelope message = Envelope.event("orders.t" + thread, Json.object().put("thread", thread)
                                .put("n", n)).withId("t" + thread + "-" + n);
                        CompletableFuture<PublishAck> ack = publisher.publish(message, PublishOptions.EPHEMERAL);
                        synchronized (acked) {
                            acked.add(ack.thenApply(answer -> answer.id().equals(message.id())));
                        }
                    }
                });
            }
        }

        CompletableFuture.allOf(acked.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(acked).hasSize(THREADS * MESSAGES).allSatisfy(ack -> assertThat(ack.join()).isTrue());
        assertThat(delivered.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS))
                .as("every message reached both subscribers, %d deliveries missing", delivered.getCount()).isTrue();
        assertThat(outOfOrder).hasValue(0);
    }
}
