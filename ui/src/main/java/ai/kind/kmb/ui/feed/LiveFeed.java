package ai.kind.kmb.ui.feed;

import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Studio's one window on the traffic: a few ephemeral subscriptions (by default {@code #},
 * {@code _kmb.#} and {@code _inbox.#}) whose handlers, on the bus's threads, only drop each message
 * into a {@link TrafficBuffer}. The bus never waits for the UI: if the handlers fall behind, the
 * bus drops for them and counts it ({@link Subscription#dropped()}), and those drops are added to
 * the feed's own in {@link #counters()}.
 */
public final class LiveFeed implements AutoCloseable {
    private final FeedLimits limits;
    private final TrafficBuffer buffer;
    // Read by the FX thread without a lock: attach and detach may block on a remote bus while they hold it.
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong lostByEarlierSubscriptions = new AtomicLong();

    public LiveFeed(FeedLimits limits, Clock clock) {
        this.limits = limits;
        this.buffer = new TrafficBuffer(limits, clock);
    }

    public FeedLimits limits() {
        return limits;
    }

    /**
     * Subscribes on {@code connection}, leaving any earlier connection first. Subscribing may block
     * on a remote bus: call it off the FX thread.
     */
    public synchronized void attach(BusConnection connection) {
        detach();
        for (String filter : limits.filters()) {
            // An observer: a command or query that only the Studio watches still fails with no_responders.
            SubscribeOptions options = SubscribeOptions.ephemeral(filter).withMaxInflight(limits.subscriptionInflight())
                    .withObserver(true);
            subscriptions.add(connection.subscribe(options,
                    delivery -> buffer.offer(delivery.message(), delivery.offset())));
        }
    }

    /** Ends the subscriptions; what they lost stays counted. Off the FX thread, as {@link #attach}. */
    public synchronized void detach() {
        for (Subscription subscription : subscriptions) {
            subscription.close();
            subscriptions.remove(subscription);
            lostByEarlierSubscriptions.addAndGet(subscription.dropped());
        }
    }

    /** Detaches and forgets every topic, counting what was waiting as dropped: for a switch of bus. */
    public synchronized void reset() {
        detach();
        buffer.reset();
    }

    /** Takes at most {@code max} messages for display (0 takes none but still reports topic totals). */
    public Drained drain(int max) {
        return buffer.drain(max);
    }

    public FeedCounters counters() {
        return buffer.counters(lostOnBus());
    }

    private long lostOnBus() {
        long lost = lostByEarlierSubscriptions.get();
        for (Subscription subscription : subscriptions) {
            lost += subscription.dropped();
        }
        return lost;
    }

    @Override
    public void close() {
        detach();
    }
}
