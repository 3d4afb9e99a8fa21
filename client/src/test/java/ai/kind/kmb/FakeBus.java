package ai.kind.kmb;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bus that records: what was published, which subscriptions are open, and how deliveries were
 * settled. {@link #deliver} runs the handler on the caller's thread, so tests need no waiting.
 */
final class FakeBus implements Bus {
    final List<Envelope> published = new CopyOnWriteArrayList<>();
    final List<String> settled = new CopyOnWriteArrayList<>();
    final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong offsets = new AtomicLong();
    volatile RuntimeException refusePublish;
    volatile boolean closed;

    final class FakeSubscription implements Subscription {
        final String id;
        final SubscribeOptions options;
        final MessageHandler handler;
        volatile boolean closed;

        FakeSubscription(String id, SubscribeOptions options, MessageHandler handler) {
            this.id = id;
            this.options = options;
            this.handler = handler;
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
            return 0;
        }

        @Override
        public void ack(String messageId) {
            settled.add("ack " + messageId);
        }

        @Override
        public void nack(String messageId, boolean requeue) {
            settled.add("nack " + messageId + (requeue ? " requeue" : " reject"));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        if (refusePublish != null) {
            return CompletableFuture.failedFuture(refusePublish);
        }
        published.add(message);
        return CompletableFuture.completedFuture(new PublishAck(message.id() == null ? "generated" : message.id(),
                offsets.incrementAndGet(), false));
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        FakeSubscription subscription = new FakeSubscription("s" + (subscriptions.size() + 1), options, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Delivers to the latest subscription; returns what the handler chain threw, or null. */
    Exception deliver(Envelope message) {
        FakeSubscription subscription = subscriptions.getLast();
        try {
            subscription.handler.onMessage(new Delivery(subscription.id, 1, 7, message, subscription));
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
