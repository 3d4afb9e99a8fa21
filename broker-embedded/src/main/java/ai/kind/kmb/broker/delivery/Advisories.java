package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Announces what the broker does on its own behalf on {@code _kmb.advisory.*} topics, so that
 * drops and dead letters are never silent. Advisories are ephemeral events.
 */
public final class Advisories {
    public static final String SLOW_CONSUMER = "_kmb.advisory.slow_consumer";
    public static final String DEAD_LETTER = "_kmb.advisory.dead_letter";

    private final Consumer<Envelope> publisher;

    public Advisories(Consumer<Envelope> publisher) {
        this.publisher = publisher;
    }

    void slowConsumer(String subscriptionId, String filter, long droppedSinceLast, long droppedTotal) {
        ObjectNode payload = Json.object()
                .put("subscription", subscriptionId)
                .put("filter", filter)
                .put("dropped", droppedSinceLast)
                .put("dropped_total", droppedTotal);
        publisher.accept(Envelope.event(SLOW_CONSUMER, payload));
    }

    void deadLetter(String deadLetterId, String reason, String originalTopic, String subscriber, int deliveries) {
        ObjectNode payload = Json.object()
                .put("dead_letter_id", deadLetterId)
                .put("reason", reason)
                .put("topic", originalTopic)
                .put("subscriber", subscriber)
                .put("deliveries", deliveries);
        publisher.accept(Envelope.event(DEAD_LETTER, payload));
    }
}
