package ai.kind.kmb.ui.testing;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageHandler;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.Subscription;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.registry.Registry;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.topics.TopicSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory {@link BusConnection} for UI tests that need no broker: the same rules that
 * views depend on (filters, {@code no_responders} for an unanswered command or query, history in
 * offset order, dead letters, durable consumers and their positions) without threads of its own.
 * Deliveries run on the publisher's thread, so a test sees their effect as soon as {@code publish}
 * returns. Every publish except an explicitly ephemeral one is kept in the history, as on a broker
 * running durable by default.
 */
public final class InMemoryBus implements BusConnection {
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final Clock clock;
    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    private final List<StoredMessage> log = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters(this);
    private final InMemorySnapshots snapshots = new InMemorySnapshots();
    private final InMemoryDurables durables;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile RuntimeException failQueries;
    private volatile List<RateLimitStats> limits = List.of();

    public InMemoryBus(Clock clock) {
        this.clock = clock;
        this.durables = new InMemoryDurables(this::release, clock::instant);
    }

    public InMemoryBus() {
        this(Clock.systemUTC());
    }

    /** Puts a message in the history as if the broker had received it at {@code receivedAt}. */
    public synchronized StoredMessage store(Instant receivedAt, Envelope message) {
        StoredMessage stored = new StoredMessage(log.size() + 1L, receivedAt, message.stamped(receivedAt));
        log.add(stored);
        counts.merge(message.topic(), 1L, Long::sum);
        durables.stored(stored.offset());
        return stored;
    }

    /** Makes every later history query fail with {@code error}, as an unreachable broker would. */
    public void failQueries(RuntimeException error) {
        this.failQueries = error;
    }

    public InMemoryDeadLetters letters() {
        return deadLetters;
    }

    /** Subscriptions still open. */
    public int openSubscriptions() {
        return subscriptions.size();
    }

    @Override
    public CompletableFuture<PublishAck> publish(Envelope message, PublishOptions options) {
        Envelope stamped = message.stamped(clock.instant());
        List<Sub> targets = subscriptions.stream().filter(s -> s.options.topicFilter().matches(stamped.topic())).toList();
        boolean asks = stamped.type() == MessageType.COMMAND || stamped.type() == MessageType.QUERY;
        if (asks && targets.isEmpty()) {
            return CompletableFuture.failedFuture(new KmbException(ErrorCode.NO_RESPONDERS, "no subscriber for "
                    + stamped.type().wireName() + " on '" + stamped.topic() + "'"));
        }
        long offset = PublishAck.NOT_STORED;
        if (!Boolean.FALSE.equals(options.durable())) {
            offset = store(clock.instant(), stamped).offset();
        } else {
            synchronized (this) {
                counts.merge(stamped.topic(), 1L, Long::sum);
            }
        }
        for (Sub target : targets) {
            target.deliver(stamped, offset);
        }
        return CompletableFuture.completedFuture(new PublishAck(stamped.id(), offset, false));
    }

    @Override
    public Subscription subscribe(SubscribeOptions options, MessageHandler handler) {
        if (options.isDurable()) {
            durables.joined(options, lastOffset(), clock.instant());
        }
        Sub sub = new Sub("t" + ids.incrementAndGet(), options, handler);
        subscriptions.add(sub);
        return sub;
    }

    @Override
    public synchronized List<StoredMessage> query(HistoryQuery query) {
        if (failQueries != null) {
            throw failQueries;
        }
        return log.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized long lastOffset() {
        return log.size();
    }

    @Override
    public String describe() {
        return "test bus";
    }

    @Override
    public ConnectionStatus status() {
        return ConnectionStatus.connected("test bus");
    }

    @Override
    public synchronized List<TopicSnapshot> topics() {
        return counts.entrySet().stream().map(e -> new TopicSnapshot(e.getKey(), e.getValue(), 0, null)).toList();
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
        return deadLetters;
    }

    /** Sets what {@link #limits()} reports, as a broker with these limits would. */
    public void limits(List<RateLimitStats> configured) {
        this.limits = List.copyOf(configured);
    }

    @Override
    public InMemoryDurables durables() {
        return durables;
    }

    @Override
    public List<RateLimitStats> limits() {
        return limits;
    }

    @Override
    public InMemorySnapshots snapshots() {
        return snapshots;
    }

    @Override
    public void close() {
        subscriptions.forEach(Sub::close);
    }

    /** Lets go of a deleted durable's members. */
    private void release(String durableName) {
        subscriptions.stream().filter(sub -> durableName.equals(sub.options.durableName())).forEach(Sub::close);
    }

    private final class Sub implements Subscription {
        private final String id;
        private final SubscribeOptions options;
        private final MessageHandler handler;

        Sub(String id, SubscribeOptions options, MessageHandler handler) {
            this.id = id;
            this.options = options;
            this.handler = handler;
        }

        void deliver(Envelope message, long offset) {
            try {
                handler.onMessage(new Delivery(id, 1, offset, message, this));
            } catch (Exception e) {
                throw new IllegalStateException("a test handler failed on " + message.topic(), e);
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
            return 0;
        }

        @Override
        public void ack(String messageId) {
        }

        @Override
        public void nack(String messageId, boolean requeue) {
        }

        @Override
        public void close() {
            if (subscriptions.remove(this) && options.isDurable()) {
                durables.left(options.durableName());
            }
        }
    }
}
