package ai.kind.kmb.broker.store;

import ai.kind.kmb.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** The durable log of messages, addressed by offsets that grow in append order. */
public interface MessageLog {

    /**
     * Appends a message. The future completes with its offset once it is on disk (for a durable
     * engine; in memory at once), and offsets follow the order of the calls.
     */
    CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt);

    /** Messages with an offset above {@code afterOffset}, in offset order, at most {@code limit}. */
    List<StoredMessage> readAfter(long afterOffset, int limit);

    /** One page of history; see {@link HistoryQuery}. */
    List<StoredMessage> query(HistoryQuery query);

    /** The highest offset appended so far, or 0 when the log is empty. */
    long lastOffset();

    /** The lowest offset still retained, if any message is. */
    OptionalLong firstOffset();

    /** The offset of the first message received at or after {@code time}, if there is one. */
    OptionalLong firstOffsetAtOrAfter(Instant time);

    /** The newest message with this id received at or after {@code since}: the dedup look-up. */
    Optional<StoredMessage> findById(String messageId, Instant since);

    /** Messages and bytes retained now, for metrics and retention. */
    LogStats stats();

    record LogStats(long messages, long bytes) {
    }
}
