package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.durable.DurableAdmin;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.broker.registry.EmptyRegistry;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.topics.TopicSnapshot;
import ai.kind.kmb.tx.ForwardingTransactions;
import ai.kind.kmb.tx.TransactionalBus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker in this process seen through {@link BusConnection}, as KMB Studio's embedded mode uses
 * it. Closing the connection ends the subscriptions made through it and leaves the broker running:
 * whoever started the broker stops it.
 */
public final class EmbeddedConnection implements BusConnection, ForwardingTransactions {
    private final Broker broker;
    private final String description;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    public EmbeddedConnection(Broker broker, String description) {
        this.broker = broker;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ConnectionStatus status() {
        return broker.isClosed() ? new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, "broker stopped")
                : ConnectionStatus.connected(description);
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        return broker.publish(message, options);
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        Subscription subscription = broker.subscribe(options, handler);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        return broker.store().query(query);
    }

    @Override
    public long lastOffset() {
        return broker.store().lastOffset();
    }

    @Override
    public List<TopicSnapshot> topics() {
        return broker.topics().snapshot();
    }

    @Override
    public List<RateLimitStats> limits() {
        return broker.rateLimits().stats();
    }

    @Override
    public DeadLetterAdmin deadLetters() {
        return broker.deadLetters();
    }

    @Override
    public DurableAdmin durables() {
        return broker.durables();
    }

    @Override
    public SnapshotAdmin snapshots() {
        return broker.snapshots();
    }

    public Registry registry() {
        return EmptyRegistry.orEmpty(broker.registry());
    }

    /** The broker stays up: other clients on its network port still use it. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    @Override
    public TransactionalBus transactionBus() {
        return broker;
    }
}
