package ai.kind.kmb.ui.testing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Short ways to write the envelopes UI tests need; the sender is named in the {@code agent} header. */
public final class Envelopes {
    private Envelopes() {
    }

    public static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static Envelope event(String topic, String traceId, String agent, Instant at) {
        return message(topic, MessageType.EVENT, traceId, null, null, null, agent, at, "{\"n\":1}");
    }

    public static Envelope request(MessageType type, String topic, String traceId, String correlationId, String replyTo,
                                   String agent, Instant at) {
        return message(topic, type, traceId, correlationId, replyTo, null, agent, at, "{\"ask\":true}");
    }

    public static Envelope reply(String topic, String traceId, String correlationId, String status, String agent,
                                 Instant at) {
        return message(topic, MessageType.REPLY, traceId, correlationId, null, status, agent, at, "{\"ok\":true}");
    }

    public static Envelope message(String topic, MessageType type, String traceId, String correlationId, String replyTo,
                                   String status, String agent, Instant at, String payload) {
        Metadata metadata = new Metadata(traceId, null, null, correlationId, replyTo, null, status, null, null, null,
                agent == null ? Map.of() : Map.of("agent", agent), Map.of());
        return new Envelope(UUID.randomUUID().toString(), at, topic, type, json(payload), metadata, Map.of());
    }
}
