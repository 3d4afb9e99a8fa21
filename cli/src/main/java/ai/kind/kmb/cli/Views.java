package ai.kind.kmb.cli;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.topics.TopicSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON kmbctl prints with {@code --json}: the same shapes and field names as the REST API's
 * answers (docs/protocol.md), so one jq filter serves both.
 */
final class Views {
    private Views() {
    }

    static String line(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static ObjectNode ack(PublishAck ack) {
        return Json.object().put("id", ack.id()).put("offset", ack.offset()).put("duplicate", ack.duplicate());
    }

    static ObjectNode topic(TopicSnapshot topic) {
        ObjectNode node = Json.object().put("topic", topic.topic()).put("count", topic.count())
                .put("rate_1m", topic.ratePerSecond());
        return time(node, "last_published", topic.lastPublished());
    }

    static ObjectNode stored(StoredMessage message) {
        ObjectNode node = Json.object().put("offset", message.offset());
        time(node, "received_at", message.receivedAt());
        node.set("msg", EnvelopeCodec.toJson(message.envelope()));
        return node;
    }

    static ObjectNode deadLetter(DeadLetter letter) {
        ObjectNode node = Json.object().put("id", letter.id());
        node.set("msg", EnvelopeCodec.toJson(letter.message()));
        DeathRecord death = letter.death();
        ObjectNode record = node.putObject("death").put("reason", death.reason().wireName())
                .put("original_topic", death.originalTopic()).put("subscriber", death.subscriber())
                .put("delivery_count", death.deliveryCount());
        time(record, "first_death", death.firstDeath());
        time(record, "last_death", death.lastDeath());
        record.put("deaths", death.deaths()).put("last_error", death.lastError());
        return node;
    }

    static ObjectNode snapshot(SnapshotInfo info) {
        ObjectNode node = Json.object().put("id", info.id()).put("agent", info.agent()).put("offset", info.offset());
        info.filters().forEach(node.putArray("filters")::add);
        time(node, "taken_at", info.takenAt());
        return node.put("bytes", info.bytes());
    }

    static ObjectNode time(ObjectNode node, String field, Instant time) {
        return time == null ? node.putNull(field) : node.put(field, time.toString());
    }
}
