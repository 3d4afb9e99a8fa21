package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Envelope;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Turns arrivals into {@link DisplayMessage}s on the FX thread, at a cost bounded by
 * {@link FeedLimits#payloadChars()} per message whatever the payload's size.
 */
public final class MessageRenderer {
    private final FeedLimits limits;

    public MessageRenderer(FeedLimits limits) {
        this.limits = limits;
    }

    public DisplayMessage render(Arrival arrival) {
        Envelope envelope = arrival.envelope();
        BoundedJson.Result payload = BoundedJson.write(envelope.payload(), limits.payloadChars());
        if (payload.complete()) {
            return new DisplayMessage(arrival.sequence(), arrival.receivedAt(), arrival.offset(), envelope,
                    BoundedJson.oneLine(payload.text(), limits.previewChars()), null);
        }
        // The full payload is let go here, so the list holds at most payloadChars of it per row.
        return new DisplayMessage(arrival.sequence(), arrival.receivedAt(), arrival.offset(),
                envelope.withPayload(NullNode.getInstance()),
                BoundedJson.oneLine(payload.text(), limits.previewChars()), payload.text());
    }

    /** The one-line payload preview alone, for the topic tree. */
    public String preview(Envelope envelope) {
        return BoundedJson.oneLine(BoundedJson.write(envelope.payload(), limits.previewChars() + 1).text(),
                limits.previewChars());
    }
}
