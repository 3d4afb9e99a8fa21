package ai.kind.kmb.bench;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The message every benchmark sends, so that KMB and its peers move exactly the same thing. */
public final class Workload {
    /** The topic published to; every filter in {@link #FILTERS} matches it. */
    public static final String TOPIC = "bench.sensor.events";

    /** One of each wildcard shape a subscriber is likely to use, so routing is not a plain lookup. */
    public static final List<String> FILTERS = List.of("bench.*.events", "bench.#", "#.events", "bench.sensor.*");

    /** The issue asks for 256-byte JSON payloads: the payload's serialized form is exactly this long. */
    public static final int PAYLOAD_BYTES = 256;

    private static final ObjectNode PAYLOAD = payload();

    private Workload() {
    }

    /** A sensor reading padded to {@link #PAYLOAD_BYTES}; shared, and never changed after this. */
    public static ObjectNode payload() {
        ObjectNode node = Json.object();
        node.put("sensor", "sensor-042");
        node.put("site", "plant-7/line-3");
        node.put("seq", 1_234_567);
        node.put("celsius", 21.375);
        node.put("humidity", 0.4125);
        node.put("status", "ok");
        node.put("pad", "");
        int missing = PAYLOAD_BYTES - length(node);
        if (missing < 0) {
            throw new IllegalStateException("the reading alone is over " + PAYLOAD_BYTES + " bytes");
        }
        node.put("pad", "x".repeat(missing));
        return node;
    }

    /** A fresh unstamped event: the broker gives it an id and a time, as it does for any caller. */
    public static Envelope event() {
        return Envelope.event(TOPIC, PAYLOAD);
    }

    private static int length(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
