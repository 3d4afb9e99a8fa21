package ai.kind.kmb.replay;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A bus that records what is published, when by the test clock, and with which options. A hook
 * runs on the publishing thread (to pause or cancel at an exact message, or to fail a publish);
 * with a log attached, publishes are appended to it as a broker would.
 */
final class CapturingBus implements Bus {
    record Published(Envelope message, PublishOptions options, long atNanos) {
    }

    /**
     * Decides each publish's outcome: null to acknowledge it, or the failure to complete it with.
     * A hook that throws makes publish throw, as a bus refusing at once would.
     */
    interface Hook {
        Throwable onPublish(int count, Envelope message);
    }

    private final ReplayClock clock;
    private final List<Published> published = new ArrayList<>();
    private Hook hook = (count, message) -> null;
    private Function<Envelope, CompletableFuture<PublishAck>> pending;
    private ListHistory log;
    private boolean keep = true;
    private long count;

    CapturingBus(ReplayClock clock) {
        this.clock = clock;
    }

    CapturingBus onPublish(Hook newHook) {
        this.hook = newHook;
        return this;
    }

    /** Acks come from the function instead of at once, so a test can hold them. */
    CapturingBus acks(Function<Envelope, CompletableFuture<PublishAck>> source) {
        this.pending = source;
        return this;
    }

    CapturingBus appendingTo(ListHistory target) {
        this.log = target;
        return this;
    }

    /** Counts without keeping messages, for replays too large to hold. */
    CapturingBus countOnly() {
        this.keep = false;
        return this;
    }

    synchronized List<Published> published() {
        return List.copyOf(published);
    }

    synchronized List<Envelope> messages() {
        return published.stream().map(Published::message).toList();
    }

    synchronized long count() {
        return count;
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        int number;
        synchronized (this) {
            count++;
            number = (int) count;
            if (keep) {
                published.add(new Published(message, options, clock.nanoTime()));
            }
        }
        Throwable failure = hook.onPublish(number, message);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (pending != null) {
            return pending.apply(message);
        }
        long offset = log == null ? PublishAck.NOT_STORED : log.add(Instant.EPOCH, message).lastOffset();
        return CompletableFuture.completedFuture(new PublishAck(message.id(), offset, false));
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        throw new UnsupportedOperationException("replay tests only publish");
    }

    @Override
    public void close() {
    }
}
