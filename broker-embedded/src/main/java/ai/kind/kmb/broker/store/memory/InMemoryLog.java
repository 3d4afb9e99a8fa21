package ai.kind.kmb.broker.store.memory;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.broker.store.MessageLog.LogStats;
import ai.kind.kmb.broker.store.RetentionPolicy;
import ai.kind.kmb.history.StoredMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The message log of {@link InMemoryStore}: a map by offset under one read-write lock. Appends are
 * cheap enough that a single lock beats anything cleverer, and it makes "offsets follow the order
 * of the calls" trivially true: the offset is taken under the same lock that inserts the message.
 */
final class InMemoryLog {
    private record Entry(StoredMessage message, long bytes) {
    }

    private final int capacity;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<Long, Entry> messages = new TreeMap<>();
    /** Offsets by message id, oldest first: the dedup look-up must not scan the whole log. */
    private final Map<String, ArrayDeque<Long>> offsetsById = new HashMap<>();
    private long lastOffset;
    private long bytes;

    InMemoryLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 message, got " + capacity);
        }
        this.capacity = capacity;
    }

    StoredMessage append(Envelope message, Instant receivedAt) {
        // The caller may still hold the payload tree and change it; keep a copy nobody else can reach.
        Envelope kept = message.withPayload(message.payload().deepCopy());
        long size = EnvelopeCodec.toJsonBytes(kept).length;
        Instant at = receivedAt.truncatedTo(ChronoUnit.MICROS);
        return write(() -> {
            StoredMessage stored = new StoredMessage(++lastOffset, at, kept);
            messages.put(stored.offset(), new Entry(stored, size));
            bytes += size;
            if (kept.id() != null) {
                offsetsById.computeIfAbsent(kept.id(), id -> new ArrayDeque<>()).addLast(stored.offset());
            }
            while (messages.size() > capacity) {
                remove(messages.firstEntry().getValue());
            }
            return stored;
        });
    }

    /** Appends under one hold of the lock, so readers see all of the messages or none. */
    List<StoredMessage> appendAll(List<Envelope> batch, Instant receivedAt) {
        return write(() -> batch.stream().map(message -> append(message, receivedAt)).toList());
    }

    List<StoredMessage> readAfter(long afterOffset, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return query(HistoryQuery.all(Math.min(limit, HistoryQuery.MAX_LIMIT)).after(afterOffset), limit);
    }

    List<StoredMessage> query(HistoryQuery query) {
        return query(query, query.limit());
    }

    private List<StoredMessage> query(HistoryQuery query, int limit) {
        return read(() -> {
            List<StoredMessage> page = new ArrayList<>(Math.min(limit, 256));
            for (Entry entry : messages.tailMap(query.after(), false).values()) {
                if (page.size() == limit) {
                    break;
                }
                if (query.matches(entry.message())) {
                    page.add(entry.message());
                }
            }
            return page;
        });
    }

    long lastOffset() {
        return read(() -> lastOffset);
    }

    OptionalLong firstOffset() {
        return read(() -> messages.isEmpty() ? OptionalLong.empty() : OptionalLong.of(messages.firstKey()));
    }

    OptionalLong firstOffsetAtOrAfter(Instant time) {
        return read(() -> {
            for (Entry entry : messages.values()) {
                if (!entry.message().receivedAt().isBefore(time)) {
                    return OptionalLong.of(entry.message().offset());
                }
            }
            return OptionalLong.empty();
        });
    }

    Optional<StoredMessage> findById(String messageId, Instant since) {
        return read(() -> {
            ArrayDeque<Long> offsets = offsetsById.get(messageId);
            if (offsets == null) {
                return Optional.empty();
            }
            for (Iterator<Long> newestFirst = offsets.descendingIterator(); newestFirst.hasNext(); ) {
                StoredMessage candidate = messages.get(newestFirst.next()).message();
                if (since == null || !candidate.receivedAt().isBefore(since)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    LogStats stats() {
        return read(() -> new LogStats(messages.size(), bytes));
    }

    long enforceRetention(RetentionPolicy policy, Instant now) {
        return write(() -> {
            long removed = 0;
            Instant cutoff = policy.limitsAge() ? now.minus(policy.maxAge()) : Instant.MIN;
            Map<String, Instant> topicCutoffs = policy.topicCutoffs(now);
            if (policy.limitsAge() || !topicCutoffs.isEmpty()) {
                // Receive times need not rise with offsets (callers choose them), so check every message.
                for (Entry entry : List.copyOf(messages.values())) {
                    Instant receivedAt = entry.message().receivedAt();
                    Instant own = topicCutoffs.get(entry.message().envelope().topic());
                    if (receivedAt.isBefore(cutoff) || (own != null && receivedAt.isBefore(own))) {
                        remove(entry);
                        removed++;
                    }
                }
            }
            if (policy.maxBytes() > 0) {
                while (bytes > policy.maxBytes() && !messages.isEmpty()) {
                    remove(messages.firstEntry().getValue());
                    removed++;
                }
            }
            return removed;
        });
    }

    private void remove(Entry entry) {
        StoredMessage message = entry.message();
        messages.remove(message.offset());
        bytes -= entry.bytes();
        String id = message.envelope().id();
        if (id != null) {
            ArrayDeque<Long> offsets = offsetsById.get(id);
            offsets.remove(message.offset());
            if (offsets.isEmpty()) {
                offsetsById.remove(id);
            }
        }
    }

    private <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
