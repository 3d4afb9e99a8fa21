package ai.kind.kmb.history;

import ai.kind.kmb.TopicFilter;
import java.time.Instant;

/**
 * A page of history: messages after offset {@code after} (exclusive; 0 for the start) that match
 * every given criterion, in offset order, at most {@code limit}. Null criteria match everything;
 * {@code from} is inclusive and {@code to} exclusive, both on the receive time.
 */
public record HistoryQuery(TopicFilter filter, Instant from, Instant to, String traceId, long after, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static HistoryQuery all(int limit) {
        return new HistoryQuery(null, null, null, null, 0, limit);
    }

    public boolean matches(StoredMessage message) {
        return message.offset() > after
                && (filter == null || filter.matches(message.envelope().topic()))
                && (from == null || !message.receivedAt().isBefore(from))
                && (to == null || message.receivedAt().isBefore(to))
                && (traceId == null || traceId.equals(message.envelope().metadata().traceId()));
    }

    public HistoryQuery after(long offset) {
        return new HistoryQuery(filter, from, to, traceId, offset, limit);
    }
}
