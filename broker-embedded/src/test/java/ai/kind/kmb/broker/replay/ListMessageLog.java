package ai.kind.kmb.broker.replay;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.broker.store.HistoryQuery;
import ai.kind.kmb.broker.store.MessageLog;
import ai.kind.kmb.broker.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/** A message log in a list, recording the history queries it answers. */
final class ListMessageLog implements MessageLog {
    private final List<StoredMessage> messages = new ArrayList<>();
    private final List<HistoryQuery> queries = new ArrayList<>();
    private RuntimeException failure;

    synchronized ListMessageLog add(Instant receivedAt, Envelope message) {
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
    public synchronized CompletableFuture<StoredMessage> append(Envelope message, Instant receivedAt) {
        add(receivedAt, message);
        return CompletableFuture.completedFuture(messages.getLast());
    }

    @Override
    public synchronized List<StoredMessage> readAfter(long afterOffset, int limit) {
        return query(HistoryQuery.all(limit).after(afterOffset));
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

    @Override
    public synchronized OptionalLong firstOffset() {
        return messages.isEmpty() ? OptionalLong.empty() : OptionalLong.of(1);
    }

    @Override
    public synchronized OptionalLong firstOffsetAtOrAfter(Instant time) {
        return messages.stream().filter(m -> !m.receivedAt().isBefore(time)).mapToLong(StoredMessage::offset)
                .findFirst();
    }

    @Override
    public synchronized Optional<StoredMessage> findById(String messageId, Instant since) {
        return messages.stream().filter(m -> messageId.equals(m.envelope().id())).reduce((a, b) -> b);
    }

    @Override
    public synchronized LogStats stats() {
        return new LogStats(messages.size(), 0);
    }
}
