package ai.kind.kmb.replay;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.History;
import ai.kind.kmb.history.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** History in a list, recording the history queries it answers. */
final class ListHistory implements History {
    private final List<StoredMessage> messages = new ArrayList<>();
    private final List<HistoryQuery> queries = new ArrayList<>();
    private RuntimeException failure;

    synchronized ListHistory add(Instant receivedAt, Envelope message) {
        messages.add(new StoredMessage(messages.size() + 1, receivedAt, message.stamped(receivedAt)));
        return this;
    }

    /** Every later query fails with this. */
    synchronized void failQueriesWith(RuntimeException error) {
        this.failure = error;
    }

    synchronized List<HistoryQuery> queries() {
        return List.copyOf(queries);
    }

    synchronized int size() {
        return messages.size();
    }

    @Override
    public synchronized List<StoredMessage> query(HistoryQuery query) {
        queries.add(query);
        if (failure != null) {
            throw failure;
        }
        return messages.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized long lastOffset() {
        return messages.size();
    }
}
