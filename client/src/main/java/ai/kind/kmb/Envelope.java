package ai.kind.kmb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message on the bus. {@code id} and {@code timestamp} may be null until the broker stamps
 * them on publish. Top-level fields this version does not know are kept in {@code extra}.
 *
 * <p>Timestamps travel as RFC 3339 UTC in the form {@link Instant#toString()} gives (trailing zero
 * fractions dropped); that normalized form is what signatures cover.
 */
public record Envelope(
        String id,
        Instant timestamp,
        String topic,
        MessageType type,
        JsonNode payload,
        Metadata metadata,
        Map<String, JsonNode> extra) {

    public Envelope {
        Topics.requireValidName(topic);
        Objects.requireNonNull(type, "type");
        payload = payload == null ? NullNode.getInstance() : payload;
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        // Kept in the sender's order: Map.copyOf's order changes from one JVM run to the next, and
        // the same message must be written back the same way in recordings and diffs.
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static Envelope event(String topic, JsonNode payload) {
        return new Envelope(null, null, topic, MessageType.EVENT, payload, Metadata.EMPTY, Map.of());
    }

    public static Envelope of(String topic, MessageType type, JsonNode payload, Metadata metadata) {
        return new Envelope(null, null, topic, type, payload, metadata, Map.of());
    }

    /** Fills a missing id (a random UUID) and timestamp (now); keeps what the sender chose. */
    public Envelope stamped(Instant now) {
        if (id != null && timestamp != null) {
            return this;
        }
        return new Envelope(id == null ? UUID.randomUUID().toString() : id, timestamp == null ? now : timestamp,
                topic, type, payload, metadata, extra);
    }

    public Envelope withId(String newId) {
        return new Envelope(newId, timestamp, topic, type, payload, metadata, extra);
    }

    public Envelope withTopic(String newTopic) {
        return new Envelope(id, timestamp, newTopic, type, payload, metadata, extra);
    }

    public Envelope withTimestamp(Instant newTimestamp) {
        return new Envelope(id, newTimestamp, topic, type, payload, metadata, extra);
    }

    public Envelope withPayload(JsonNode newPayload) {
        return new Envelope(id, timestamp, topic, type, newPayload, metadata, extra);
    }

    public Envelope withMetadata(Metadata newMetadata) {
        return new Envelope(id, timestamp, topic, type, payload, newMetadata, extra);
    }
}
