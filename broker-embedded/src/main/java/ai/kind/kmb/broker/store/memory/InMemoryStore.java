package ai.kind.kmb.broker.store.memory;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.PendingDelivery;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The ephemeral store: everything lives on the heap and is gone when the process ends. It holds at
 * most {@code capacity} messages (the oldest go first) and as many dead letters; consumers are few
 * and unbounded. Thread-safe; every future is already complete when returned.
 */
public final class InMemoryStore implements MessageStore {
    public static final int DEFAULT_CAPACITY = 100_000;

    private final InMemoryLog log;
    private final InMemoryDeadLetters deadLetters;
    /** Sorted by name, so consumers() lists them in the same order the SQL engines do. */
    private final ConcurrentNavigableMap<String, ConsumerState> consumers = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    public InMemoryStore() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryStore(int capacity) {
        this.log = new InMemoryLog(capacity);
        this.deadLetters = new InMemoryDeadLetters(capacity);
    }

    @Override
    public CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        return CompletableFuture.completedFuture(log.append(message, receivedAt));
    }

    @Override
    public CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        return CompletableFuture.completedFuture(log.appendAll(messages, receivedAt));
    }

    @Override
    public List<StoredMessage> readAfter(long afterOffset, int limit) {
        ensureOpen();
        return log.readAfter(afterOffset, limit);
    }

    @Override
    public List<StoredMessage> query(HistoryQuery query) {
        ensureOpen();
        return log.query(query);
    }

    @Override
    public long lastOffset() {
        ensureOpen();
        return log.lastOffset();
    }

    @Override
    public OptionalLong firstOffset() {
        ensureOpen();
        return log.firstOffset();
    }

    @Override
    public OptionalLong firstOffsetAtOrAfter(Instant time) {
        ensureOpen();
        return log.firstOffsetAtOrAfter(time);
    }

    @Override
    public Optional<StoredMessage> findById(String messageId, Instant since) {
        ensureOpen();
        return log.findById(messageId, since);
    }

    @Override
    public LogStats stats() {
        ensureOpen();
        return log.stats();
    }

    @Override
    public long enforceRetention(RetentionPolicy policy, Instant now) {
        ensureOpen();
        return log.enforceRetention(policy, now);
    }

    @Override
    public Optional<ConsumerState> loadConsumer(String name) {
        ensureOpen();
        return Optional.ofNullable(consumers.get(name));
    }

    @Override
    public List<ConsumerState> consumers() {
        ensureOpen();
        return List.copyOf(consumers.values());
    }

    @Override
    public CompletableFuture<Void> saveConsumer(ConsumerState state) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        List<PendingDelivery> pending = state.pending().stream()
                .map(p -> new PendingDelivery(p.offset(), p.messageId(), p.deliveries(),
                        InMemoryDeadLetters.micros(p.firstDelivered()), p.lastError()))
                .toList();
        consumers.put(state.name(), new ConsumerState(state.name(), state.filter(), state.group(), state.ackFloor(),
                state.cursor(), pending));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean deleteConsumer(String name) {
        ensureOpen();
        return consumers.remove(name) != null;
    }

    @Override
    public CompletableFuture<DeadLetter> addDeadLetter(DeadLetter letter) {
        if (closed) {
            return CompletableFuture.failedFuture(closedError());
        }
        return CompletableFuture.completedFuture(deadLetters.add(letter));
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
        ensureOpen();
        return deadLetters.list(query);
    }

    @Override
    public Optional<DeadLetter> deadLetter(String id) {
        ensureOpen();
        return deadLetters.get(id);
    }

    @Override
    public boolean removeDeadLetter(String id) {
        ensureOpen();
        return deadLetters.remove(id);
    }

    @Override
    public int purgeDeadLetters(DeadLetterQuery query) {
        ensureOpen();
        return deadLetters.purge(query);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static KmbException closedError() {
        return new KmbException(ErrorCode.UNAVAILABLE, "the in-memory message store is closed");
    }
}
