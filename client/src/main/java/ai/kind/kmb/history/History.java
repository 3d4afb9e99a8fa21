package ai.kind.kmb.history;

import ai.kind.kmb.trace.TraceTree;
import java.util.List;

/**
 * Read access to stored messages: the broker's log in process, or its REST API from afar. Replay
 * and the Studio's history views read through this, so they work the same on either.
 */
public interface History {

    /** One page of history; see {@link HistoryQuery}. */
    List<StoredMessage> query(HistoryQuery query);

    /** The highest offset stored so far, or 0 when nothing is. */
    long lastOffset();

    /**
     * Every stored message of one trace (up to {@link HistoryQuery#MAX_LIMIT}), as a tree of spans
     * linked by {@code parent_id}.
     */
    default TraceTree trace(String traceId) {
        return TraceTree.of(traceId, query(new HistoryQuery(null, null, null, traceId, 0, HistoryQuery.MAX_LIMIT)));
    }
}
