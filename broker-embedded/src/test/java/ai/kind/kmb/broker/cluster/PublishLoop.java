package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Bus;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.broker.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final List<ErrorCode> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
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
                refusals.add(e.getCause() instanceof KmbException kmb ? kmb.code() : ErrorCode.INTERNAL);
                PrivateServer.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int refusedCount() {
        return refusals.size();
    }

    /** Waits until {@code count} more publishes were acknowledged than {@code before}. */
    void awaitAcknowledged(int atLeast) {
        long deadline = System.nanoTime() + SILENCE.toNanos();
        while (acknowledged.size() < atLeast && System.nanoTime() < deadline) {
            PrivateServer.sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until at least one publish was refused since the loop started. */
    void awaitRefusal() {
        long deadline = System.nanoTime() + SILENCE.toNanos();
        while (refusals.isEmpty() && System.nanoTime() < deadline) {
            PrivateServer.sleep(Duration.ofMillis(20));
        }
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<ErrorCode> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    int silences() {
        return silences.get();
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
