package ai.kind.kmb.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Bus;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Deliveries;
import ai.kind.kmb.broker.Messages;
import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A client publishing durable messages one after the other while a test breaks the server under
 * it, keeping what was acknowledged and how each refusal was answered. A publish that got no answer
 * at all within {@link #SILENCE} counts as silence, which a node must never leave a client in.
 */
final class PublishLoop implements AutoCloseable {
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final Bus bus;
    private final String topic;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<KmbException> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger silences = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    PublishLoop(Bus bus, String topic) {
        this.bus = bus;
        this.topic = topic;
        this.thread = Thread.ofVirtual().name("publish-loop").start(this::run);
    }

    private void run() {
        for (int n = 1; running; n++) {
            try {
                PublishAck ack = bus.publish(Messages.event(topic, n), PublishOptions.DURABLE).toCompletableFuture()
                        .get(SILENCE.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(ack.id());
            } catch (TimeoutException e) {
                silences.incrementAndGet();
            } catch (java.util.concurrent.ExecutionException | CompletionException e) {
                refusals.add(e.getCause() instanceof KmbException kmb ? kmb
                        : new KmbException(ErrorCode.INTERNAL, String.valueOf(e.getCause()), List.of(), e.getCause()));
                PrivateServer.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Waits until at least {@code atLeast} publishes were acknowledged in all. */
    void awaitAcknowledged(int atLeast) {
        long deadline = System.nanoTime() + SILENCE.toNanos();
        while (acknowledged.size() < atLeast && System.nanoTime() < deadline) {
            PrivateServer.sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until a publish was refused, as one must be while the server is down. */
    void awaitRefusal() {
        long deadline = System.nanoTime() + SILENCE.toNanos();
        while (refusals.isEmpty() && System.nanoTime() < deadline) {
            PrivateServer.sleep(Duration.ofMillis(20));
        }
        assertThat(refusals).as("publishes refused while the server is down").isNotEmpty();
    }

    /**
     * Stops the loop and checks how the node answered: never silence, and every refusal (if any)
     * {@code unavailable}; returns the acknowledged ids.
     */
    Set<String> finish() {
        close();
        assertThat(silences.get()).as("publishes left without an answer").isZero();
        synchronized (refusals) {
            assertThat(refusals).as("how refused publishes were answered")
                    .allSatisfy(refusal -> assertThat(refusal.code()).as(refusal.getMessage())
                            .isEqualTo(ErrorCode.UNAVAILABLE));
        }
        return Set.copyOf(acknowledged);
    }

    /** Checks that every acknowledged message is in the node's log and was heard by a subscriber. */
    static void assertKept(Set<String> acknowledged, TestNodes.Node node, Deliveries heard) {
        Set<String> stored = readLog(node).stream().map(message -> message.envelope().id())
                .collect(Collectors.toSet());
        assertThat(stored).as("acknowledged messages in the shared log").containsAll(acknowledged);
        Set<String> ids = new HashSet<>();
        while (!ids.containsAll(acknowledged)) {
            ids.add(heard.next().message().id());
        }
    }

    /**
     * The node's log. A pooled connection last used less than a second before the server went away
     * is handed out unchecked (PostgresPool), so the first read on it after the restart may fail
     * with {@code unavailable}, as documented; the next one reconnects.
     */
    private static List<StoredMessage> readLog(TestNodes.Node node) {
        for (int attempt = 1; ; attempt++) {
            try {
                return node.broker().store().readAfter(0, 1_000_000);
            } catch (KmbException e) {
                if (e.code() != ErrorCode.UNAVAILABLE || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(SILENCE.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
