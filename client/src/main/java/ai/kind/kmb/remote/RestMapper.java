package ai.kind.kmb.remote;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.topics.TopicSnapshot;
import java.util.List;

/**
 * Turns {@link RestClient}'s own answer records into the shared ones every {@code BusConnection}
 * speaks, and the shared queries into REST requests. Kept in one place so that the day RestClient
 * answers with the shared records, this class is all that goes.
 */
final class RestMapper {
    /** The most {@code GET /v1/dlq} returns in one answer; the route has no paging. */
    static final int MAX_DEAD_LETTERS = 10_000;

    private RestMapper() {
    }

    static HistoryRequest request(HistoryQuery query) {
        return new HistoryRequest(query.filter() == null ? null : query.filter().text(), query.from(), query.to(),
                query.traceId(), query.limit(), query.after());
    }

    static List<StoredMessage> stored(HistoryPage page) {
        return page.messages().stream().map(RestMapper::stored).toList();
    }

    static StoredMessage stored(HistoryEntry entry) {
        return new StoredMessage(entry.offset(), entry.receivedAt(), entry.message());
    }

    static TopicSnapshot topic(TopicStats stats) {
        return new TopicSnapshot(stats.topic(), stats.count(), stats.rate1m(), stats.lastPublished());
    }

    static DeadLetter deadLetter(DeadLetterView view) {
        DeadLetterView.Death death = view.death();
        return new DeadLetter(view.id(), view.message(), new DeathRecord(reason(death.reason(), view.id()),
                death.originalTopic(), death.subscriber(), death.deliveryCount(), death.firstDeath(),
                death.lastDeath(), death.deaths(), death.lastError()));
    }

    /** The REST list takes at most {@value #MAX_DEAD_LETTERS}; "no limit" asks for that many. */
    static int deadLetterLimit(DeadLetterQuery query) {
        return query.limit() <= 0 ? MAX_DEAD_LETTERS : Math.min(query.limit(), MAX_DEAD_LETTERS);
    }

    static String reasonName(DeadLetterQuery query) {
        return query.reason() == null ? null : query.reason().wireName();
    }

    static String topicFilter(DeadLetterQuery query) {
        return query.originalTopic() == null ? null : query.originalTopic().text();
    }

    private static DeathReason reason(String wireName, String letterId) {
        try {
            return DeathReason.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            // A newer server may know reasons this client does not; say so rather than fail with a bare enum error.
            throw new KmbException(ErrorCode.INTERNAL, "dead letter '" + letterId + "' has the death reason '"
                    + wireName + "', which this client does not know; upgrade the client");
        }
    }
}
