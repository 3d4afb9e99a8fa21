package ai.kind.kmb.replay;

import ai.kind.kmb.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an original message into its replay: a new id (the same id would be swallowed by
 * idempotent dedup), the target topic, no timestamp (the bus stamps the replay's own, so a TTL
 * counts from the replay), and headers that point back to the original. Type, payload, the
 * other metadata and unknown fields are kept as they were.
 */
final class ReplayRewriter {
    private final String replayId;
    private final ReplayTarget target;

    ReplayRewriter(String replayId, ReplayTarget target) {
        this.replayId = replayId;
        this.target = target;
    }

    /** The replayed message, or an {@link ai.kind.kmb.InvalidTopicException} if the target topic breaks the rules. */
    Envelope rewrite(Envelope original) {
        String topic = target.apply(original.topic());
        Map<String, String> headers = new LinkedHashMap<>(original.metadata().headers());
        if (original.id() != null) {
            headers.put(ReplayHeaders.REPLAY_OF, original.id());
        } else {
            // A replay of a replay keeps pointing at its immediate original, never at an older one.
            headers.remove(ReplayHeaders.REPLAY_OF);
        }
        headers.put(ReplayHeaders.REPLAY_ID, replayId);
        if (original.timestamp() != null) {
            headers.put(ReplayHeaders.ORIGINAL_TIMESTAMP, original.timestamp().toString());
        }
        return new Envelope(UUID.randomUUID().toString(), null, topic, original.type(), original.payload(),
                original.metadata().withHeaders(headers), original.extra());
    }
}
