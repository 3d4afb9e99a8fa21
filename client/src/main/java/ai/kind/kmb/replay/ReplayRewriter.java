package ai.kind.kmb.replay;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an original message into its replay: a new id (the same id would be swallowed by
 * idempotent dedup), the target topic, no timestamp (the bus stamps the replay's own, so a TTL
 * counts from the replay), headers that point back to the original, and, for a replay a server
 * runs for a client, that client as {@code metadata.auth}. Type, payload, the other metadata and
 * unknown fields are kept as they were.
 */
final class ReplayRewriter {
    private final String replayId;
    private final ReplayTarget target;
    private final Metadata.Auth publishAs;

    ReplayRewriter(String replayId, ReplayTarget target, Metadata.Auth publishAs) {
        this.replayId = replayId;
        this.target = target;
        this.publishAs = publishAs;
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
        Metadata metadata = original.metadata().withHeaders(headers);
        return new Envelope(UUID.randomUUID().toString(), null, topic, original.type(), original.payload(),
                publishAs == null ? metadata : metadata.withAuth(publishAs), original.extra());
    }
}
