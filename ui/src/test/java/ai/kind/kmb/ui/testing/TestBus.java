package ai.kind.kmb.ui.testing;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.topics.TopicSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bus in a list, for UI tests that must not depend on the broker: publishing delivers to every
 * matching subscription at once, on the publisher's thread. {@link #dropOnSubscriptions} lets a
 * test pretend the bus dropped messages for slow subscribers.
 */
public final class TestBus implements BusConnection {
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String name;
    private final List<TestSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    public TestBus(String name) {
        this.name = name;
    }

    public int subscriptionCount() {
        return (int) subscriptions.stream().filter(s -> !s.closed.get()).count();
    }

    public List<String> filters() {
        return subscriptions.stream().filter(s -> !s.closed.get()).map(s -> s.options.filter()).toList();
    }

    /** Whether every open subscription is an observer, as the Studio's own watching must be. */
    public boolean onlyObservers() {
        return subscriptions.stream().filter(s -> !s.closed.get()).allMatch(s -> s.options.observer());
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Counts {@code count} drops on every open subscription, as a bus does for a slow subscriber. */
    public void dropOnSubscriptions(long count) {
        subscriptions.forEach(s -> s.dropped.addAndGet(count));
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        Envelope stamped = message.stamped(Instant.now()).withId(message.id() == null ? "m" + ids.incrementAndGet()
                : message.id());
        for (TestSubscription subscription : subscriptions) {
            if (!subscription.closed.get() && subscription.options.topicFilter().matches(stamped.topic())) {
                try {
                    subscription.handler.onMessage(new Delivery(subscription.id, 1, -1, stamped, subscription));
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        return CompletableFuture.completedFuture(new PublishAck(stamped.id(), PublishAck.NOT_STORED, false));
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        TestSubscription subscription = new TestSubscription("s" + (subscriptions.size() + 1), options, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public ConnectionStatus status() {
        return closed.get() ? new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, name + " closed")
                : ConnectionStatus.connected(name);
    }

    @Override
    public List<TopicSnapshot> topics() {
        return List.of();
    }

    @Override
    public Registry registry() {
        return registry;
    }

    /** The registry this bus answers with, for tests to fill. */
    public InMemoryRegistry registryFake() {
        return registry;
    }

    @Override
    public DeadLetterAdmin deadLetters() {
        throw new UnsupportedOperationException("the test bus keeps no dead letters");
    }

    @Override
    public DurableAdmin durables() {
        throw new UnsupportedOperationException("the test bus keeps no durable consumers");
    }

    @Override
    public List<RateLimitStats> limits() {
        return List.of();
    }

    @Override
    public SnapshotAdmin snapshots() {
        throw new UnsupportedOperationException("the test bus keeps no snapshots");
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return List.of();
    }

    @Override
    public long lastOffset() {
        return 0;
    }

    @Override
    public void close() {
        closed.set(true);
        subscriptions.forEach(TestSubscription::close);
    }

    private static final class TestSubscription implements Subscription {
        private final String id;
        private final SubscribeOptions options;
        private final MessageHandler handler;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();

        TestSubscription(String id, SubscribeOptions options, MessageHandler handler) {
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
            return dropped.get();
        }

        @Override
        public void ack(String messageId) {
        }

        @Override
        public void nack(String messageId, boolean requeue) {
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
