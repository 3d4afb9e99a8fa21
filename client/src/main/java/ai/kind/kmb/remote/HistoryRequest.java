package ai.kind.kmb.remote;

import ai.kind.kmb.history.HistoryQuery;
import java.time.Instant;

/**
 * What {@code GET /v1/messages} should return; null fields are left to the server (everything, its
 * default page size). {@code from} is inclusive, {@code to} exclusive, both on the receive time;
 * {@code after} is an offset (exclusive), for paging.
 */
public record HistoryRequest(String filter, Instant from, Instant to, String traceId, Integer limit, Long after) {
    public static final HistoryRequest ALL = new HistoryRequest(null, null, null, null, null, null);

    /** The request for a shared {@link HistoryQuery}: every criterion it sets. */
    public static HistoryRequest of(HistoryQuery query) {
        return new HistoryRequest(query.filter() == null ? null : query.filter().text(), query.from(), query.to(),
                query.traceId(), query.limit(), query.after());
    }

    public HistoryRequest withFilter(String newFilter) {
        return new HistoryRequest(newFilter, from, to, traceId, limit, after);
    }

    public HistoryRequest withTimeRange(Instant newFrom, Instant newTo) {
        return new HistoryRequest(filter, newFrom, newTo, traceId, limit, after);
    }

    public HistoryRequest withTraceId(String newTraceId) {
        return new HistoryRequest(filter, from, to, newTraceId, limit, after);
    }

    public HistoryRequest withLimit(int newLimit) {
        return new HistoryRequest(filter, from, to, traceId, newLimit, after);
    }

    public HistoryRequest withAfter(long offset) {
        return new HistoryRequest(filter, from, to, traceId, limit, offset);
    }

    /** The request for the page after {@code page}. */
    public HistoryRequest next(HistoryPage page) {
        return withAfter(page.nextAfter());
    }
}
