package ai.kind.kmb.broker.store.postgres;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bus that records every publish call and acknowledges it after a short random delay, as a
 * durable broker would after its commit; {@code failWith} can refuse chosen messages.
 */
final class RecordingBus implements Bus {
    private final Map<String, Integer> publishes = new ConcurrentHashMap<>();
    private final List<Envelope> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong offsets = new AtomicLong();
    private volatile Function<Envelope, KmbException> failWith = envelope -> null;

    void failWith(Function<Envelope, KmbException> refusal) {
        this.failWith = refusal;
    }

    /** How often each message id was published. */
    Map<String, Integer> publishes() {
        return Map.copyOf(publishes);
    }

    List<Envelope> messages() {
        return List.copyOf(messages);
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        KmbException refusal = failWith.apply(message);
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        publishes.merge(message.id(), 1, Integer::sum);
        messages.add(message);
        long offset = offsets.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> new PublishAck(message.id(), offset, false),
                CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS));
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        throw new UnsupportedOperationException("the outbox relay only publishes");
    }

    @Override
    public void close() {
    }
}
