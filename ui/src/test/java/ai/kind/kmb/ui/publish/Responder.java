package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.testing.Envelopes;
import java.util.List;

/** A test agent that answers every command or query on a topic with the given statuses, in order. */
final class Responder {
    private Responder() {
    }

    static void answer(BusConnection bus, String topic, List<String> statuses, String payload) {
        bus.subscribe(SubscribeOptions.ephemeral(topic), delivery -> {
            Envelope asked = delivery.message();
            for (String status : statuses) {
                Metadata metadata = Metadata.EMPTY.withCorrelation(asked.metadata().correlationId(), null)
                        .withStatus(status);
                bus.publish(Envelope.of(asked.metadata().replyTo(), MessageType.REPLY, Envelopes.json(payload), metadata))
                        .join();
            }
        });
    }
}
