package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ephemeral subscription: at most once, from now on. Messages wait in a buffer of
 * {@code maxInflight} places; when it is full the message is dropped for this subscriber, counted,
 * and announced on {@link Advisories#SLOW_CONSUMER}: the first drop at once, then at most once per
 * advisory interval while drops go on, each advisory carrying the count since the last one.
 */
public final class LiveSubscription implements Subscription, RouteTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);

    private final String id;
    private final SubscribeOptions options;
    private final MessageHandler handler;
    private final Advisories advisories;
    private final long advisoryIntervalNanos;
    private final Consumer<LiveSubscription> onClose;
    private final Dispatcher<Delivery> dispatcher;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong droppedAnnounced = new AtomicLong();
    private final AtomicLong lastAnnouncedAt;
    private volatile boolean closed;

    public LiveSubscription(String id, SubscribeOptions options, MessageHandler handler, Advisories advisories,
                            Duration advisoryInterval, Consumer<LiveSubscription> onClose) {
        this.id = id;
        this.options = options;
        this.handler = handler;
        this.advisories = advisories;
        this.advisoryIntervalNanos = advisoryInterval.toNanos();
        // The first drop is announced at once; later ones at most once per interval.
        this.lastAnnouncedAt = new AtomicLong(System.nanoTime() - advisoryIntervalNanos);
        this.onClose = onClose;
        this.dispatcher = new Dispatcher<>("kmb-sub-" + id, new ArrayBlockingQueue<>(options.maxInflight()),
                this::handle);
        dispatcher.start();
    }

    @Override
    public void offer(Envelope message, long offset) {
        if (!tryOffer(message, offset)) {
            countDrop();
        }
    }

    @Override
    public boolean responder() {
        return !options.observer();
    }

    /** Offers without counting a drop, so a queue group can try another member first. */
    boolean tryOffer(Envelope message, long offset) {
        if (closed) {
            return true;
        }
        boolean taken = dispatcher.queue().offer(new Delivery(id, 1, offset, message, this));
        if (taken) {
            accepted.incrementAndGet();
        }
        return taken;
    }

    void countDrop() {
        long total = dropped.incrementAndGet();
        long last = lastAnnouncedAt.get();
        long now = System.nanoTime();
        if (now - last >= advisoryIntervalNanos && lastAnnouncedAt.compareAndSet(last, now)) {
            long before = droppedAnnounced.getAndSet(total);
            advisories.slowConsumer(id, options.filter(), total - before, total);
        }
    }

    private void handle(Delivery delivery) {
        try {
            handler.onMessage(delivery);
        } catch (Exception e) {
            LOG.warn("subscription {} ({}): handler failed on message {}; an ephemeral delivery is not retried",
                    id, options.filter(), delivery.message().id(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SubscribeOptions options() {
        return options;
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Ephemeral deliveries are settled when handed over; acks have nothing left to settle. */
    @Override
    public void ack(String messageId) {
    }

    @Override
    public void nack(String messageId, boolean requeue) {
    }

    @Override
    public void close() {
        if (stopRouting()) {
            dispatcher.close();
        }
    }

    @Override
    public void drain(Duration timeout) {
        if (stopRouting()) {
            dispatcher.awaitHandled(accepted::get, timeout);
            dispatcher.close();
        }
    }

    /** Takes the subscription out of routing; true for the one caller that did it. */
    private synchronized boolean stopRouting() {
        if (closed) {
            return false;
        }
        closed = true;
        onClose.accept(this);
        return true;
    }
}
