package ai.kind.kmb.broker.net;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.broker.stats.TopicSnapshot;
import ai.kind.kmb.broker.store.DeadLetter;
import ai.kind.kmb.broker.store.DeathRecord;
import ai.kind.kmb.broker.store.StoredMessage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of REST answers; docs/protocol.md shows each. */
final class JsonViews {
    private JsonViews() {
    }

    static ObjectNode stored(StoredMessage message) {
        ObjectNode node = Json.object();
        node.put("offset", message.offset());
        node.put("received_at", message.receivedAt().toString());
        node.set("msg", EnvelopeCodec.toJson(message.envelope()));
        return node;
    }

    static ArrayNode storedList(List<StoredMessage> messages) {
        ArrayNode array = Json.mapper().createArrayNode();
        messages.forEach(message -> array.add(stored(message)));
        return array;
    }

    static ObjectNode deadLetter(DeadLetter letter) {
        ObjectNode node = Json.object();
        node.put("id", letter.id());
        node.set("msg", EnvelopeCodec.toJson(letter.message()));
        DeathRecord death = letter.death();
        ObjectNode record = node.putObject("death");
        record.put("reason", death.reason().wireName());
        record.put("original_topic", death.originalTopic());
        record.put("subscriber", death.subscriber());
        record.put("delivery_count", death.deliveryCount());
        putTime(record, "first_death", death.firstDeath());
        putTime(record, "last_death", death.lastDeath());
        record.put("deaths", death.deaths());
        record.put("last_error", death.lastError());
        return node;
    }

    static ObjectNode topic(TopicSnapshot topic) {
        ObjectNode node = Json.object();
        node.put("topic", topic.topic());
        node.put("count", topic.count());
        // Rounded to 1/1000 message per second: more digits are noise in a one-minute average.
        node.put("rate_1m", Math.round(topic.ratePerSecond() * 1000) / 1000.0);
        putTime(node, "last_published", topic.lastPublished());
        return node;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time == null) {
            node.putNull(field);
        } else {
            node.put(field, time.toString());
        }
    }
}
