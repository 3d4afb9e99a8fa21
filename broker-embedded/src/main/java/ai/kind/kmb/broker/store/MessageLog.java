package ai.kind.kmb.broker.store;

import ai.kind.kmb.history.History;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;

import ai.kind.kmb.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The durable log of messages, addressed by offsets that grow in append order.
 *
 * <p>Every engine keeps receive times to the microsecond (the finest precision SQLite integers and
 * PostgreSQL {@code timestamptz} share), so a time read back equals the time appended, truncated to
 * microseconds. A message's size, for {@link LogStats#bytes()} and retention, is the length of its
 * envelope's UTF-8 JSON.
 */
public interface MessageLog extends History {

    /**
     * Appends a message. The future completes with its offset once it is on disk (for a durable
     * engine; in memory at once), and offsets follow the order of the calls. A failure (store
     * closed, disk full, writer overloaded) completes the future exceptionally with a
     * {@link ai.kind.kmb.KmbException}; append itself does not throw for those.
     */
    CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt);

    /**
     * Appends a message that carries an id, unless a message with that id was received at or after
     * {@code since}: then nothing is stored and the answer is that earlier message, as a repeat. The
     * Redis and PostgreSQL engines decide inside the append itself (the append script; the append
     * batch, under the lock that orders offsets), so two nodes appending one id at the same moment
     * store it once and both learn its offset. This default looks the id up first and appends after,
     * which is enough where one broker owns the store (the in-memory and SQLite engines): its dedup
     * window already lets only one publish of an id through at a time.
     */
    default CompletableFuture<Appended> appendOnce(Envelope message, Instant receivedAt, Instant since) {
        if (message.id() == null) {
            throw new IllegalArgumentException("appendOnce needs a message with an id, got one on '" + message.topic()
                    + "' without");
        }
        Optional<StoredMessage> earlier;
        try {
            earlier = findById(message.id(), since);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return earlier.map(stored -> CompletableFuture.completedFuture(new Appended(stored, true)))
                .orElseGet(() -> append(message, receivedAt).thenApply(stored -> new Appended(stored, false)));
    }

    /**
     * Appends a committed transaction's messages, in list order. The in-memory and SQLite engines
     * make it atomic: all of them or none are stored, with consecutive offsets. This default appends
     * one at a time in order and completes when all are on disk; it is what the Redis and PostgreSQL
     * engines use, where a crash in the middle can leave the first ones stored (docs/storage.md).
     */
    default CompletableFuture<List<StoredMessage>> appendAll(List<Envelope> messages, Instant receivedAt) {
        List<CompletableFuture<StoredMessage>> appends = messages.stream()
                .map(message -> append(message, receivedAt)).toList();
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> appends.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Messages with an offset above {@code afterOffset}, in offset order, at most {@code limit}
     * (which must be at least 1).
     */
    List<StoredMessage> readAfter(long afterOffset, int limit);

    @Override
    List<StoredMessage> query(HistoryQuery query);

    @Override
    long lastOffset();

    /** The lowest offset still retained, if any message is. */
    OptionalLong firstOffset();

    /** The offset of the first message received at or after {@code time}, if there is one. */
    OptionalLong firstOffsetAtOrAfter(Instant time);

    /** The newest message with this id received at or after {@code since}: the dedup look-up. */
    Optional<StoredMessage> findById(String messageId, Instant since);

    /** Messages and bytes retained now, for metrics and retention. */
    LogStats stats();

    /**
     * What {@link #appendOnce} did: {@code message} is the one just stored, or, when {@code repeat},
     * the earlier one with the same id, as it was stored.
     */
    record Appended(StoredMessage message, boolean repeat) {
    }

    /** How many messages are retained and their total size (the UTF-8 JSON length of each envelope). */
    record LogStats(long messages, long bytes) {
    }
}
