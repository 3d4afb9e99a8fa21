package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;

/** Small envelopes for tests. */
public final class Messages {
    private Messages() {
    }

    public static Envelope event(String topic, int n) {
        return Envelope.event(topic, Json.object().put("n", n));
    }

    public static int n(ai.kind.kmb.Delivery delivery) {
        return delivery.message().payload().get("n").asInt();
    }
}
