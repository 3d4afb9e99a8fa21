package ai.kind.kmb.broker.store;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Messages, consumers and dead letters for store tests, all at whole-microsecond times. */
public final class StoreFixtures {
    public static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");

    private StoreFixtures() {
    }

    public static Envelope message(String topic) {
        return message(topic, UUID.randomUUID().toString(), null);
    }

    public static Envelope message(String topic, String id, String traceId) {
        ObjectNode payload = Json.object().put("topic", topic).put("note", "hello");
        Metadata metadata = traceId == null ? Metadata.EMPTY : Metadata.EMPTY.withTrace(traceId, null, null);
        return new Envelope(id, T0, topic, MessageType.EVENT, payload, metadata, Map.of());
    }

    /** An envelope using every part of the format, to check that a store keeps all of it. */
    public static Envelope richMessage() {
        ObjectNode payload = Json.object().put("text", "héllo ✓").put("count", 42).put("ratio", 0.25)
                .put("flag", true);
        payload.putArray("list").add(1).add("two").addNull();
        payload.putObject("nested").put("deep", "value");
        Metadata metadata = new Metadata("trace-1", "span-1", "parent-1", "corr-1", "_inbox.agent-7.1", "v1", "ACK",
                30_000L, new Metadata.Auth("kOS", "kind-client"), new Metadata.Signature("Ed25519", "key-1", "c2ln"),
                Map.of("k", "v"), Map.of("future_field", Json.object().put("x", 1)));
        return new Envelope("rich-1", Instant.parse("2025-06-20T15:42:00.123456789Z"), "agent.health.heartbeat",
                MessageType.COMMAND, payload, metadata, Map.of("source", Json.mapper().getNodeFactory().textNode("kos")));
    }

    public static ConsumerState consumer(String name, List<PendingDelivery> pending) {
        return new ConsumerState(name, "agent.#", "workers", 10, 15, pending);
    }

    public static DeadLetter letter(String id, Envelope message, DeathReason reason, String subscriber, Instant at,
                                    String error) {
        return new DeadLetter(id, message, new DeathRecord(reason, message.topic(), subscriber, 5, at, at, 1, error));
    }
}
