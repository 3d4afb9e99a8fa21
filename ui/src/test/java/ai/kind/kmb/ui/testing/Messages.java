package ai.kind.kmb.ui.testing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.ui.feed.Arrival;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.feed.MessageRenderer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** Messages for tests: envelopes with ids and times fixed so that assertions can name them. */
public final class Messages {
    public static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");

    private Messages() {
    }

    public static Envelope event(String topic, String id, ObjectNode payload) {
        return new Envelope(id, T0, topic, MessageType.EVENT, payload, Metadata.EMPTY, Map.of());
    }

    public static Envelope event(String topic, int n) {
        return event(topic, "id-" + n, Json.object().put("n", n));
    }

    public static Envelope command(String topic, String id, ObjectNode payload) {
        Metadata metadata = Metadata.EMPTY.withTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null)
                .withCorrelation("corr-1", "_inbox.planner");
        return new Envelope(id, T0, topic, MessageType.COMMAND, payload, metadata, Map.of());
    }

    /** Rendered as the drain renders it, with {@code sequence} as its place in the feed. */
    public static DisplayMessage display(Envelope envelope, long sequence) {
        return new MessageRenderer(FeedLimits.defaults()).render(new Arrival(sequence, T0.plusMillis(sequence), -1,
                envelope));
    }
}
