package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.MessageType;
import java.time.Instant;

/**
 * A message ready for the list and the inspector. When the payload was too large to keep for
 * display, {@code envelope} carries no payload (JSON null) and {@code truncatedPayload} holds the
 * first characters of its JSON; nothing shown may then pretend to be the whole message.
 *
 * @param preview one line of payload for the list and the topic tree, already cut to length
 */
public record DisplayMessage(long sequence, Instant receivedAt, long offset, Envelope envelope, String preview,
                             String truncatedPayload) {

    public boolean truncated() {
        return truncatedPayload != null;
    }

    public String topic() {
        return envelope.topic();
    }

    public MessageType type() {
        return envelope.type();
    }

    public String id() {
        return envelope.id();
    }

    /** When the message was sent if its sender said, else when the Studio received it. */
    public Instant time() {
        return envelope.timestamp() != null ? envelope.timestamp() : receivedAt;
    }
}
