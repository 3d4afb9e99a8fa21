package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;
import com.fasterxml.jackson.databind.JsonNode;

/** One status a command's handler sent, with its payload and the reply message itself. */
public record CommandReply(CommandStatus status, JsonNode payload, Envelope message) {

    /** An ERROR's reason: the payload's {@code reason} field, or null. */
    public String reason() {
        return Replies.reason(payload);
    }
}
