package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;
import com.fasterxml.jackson.databind.JsonNode;

/** The reply to a query: its status, its payload and the reply message itself. */
public record QueryResult(QueryStatus status, JsonNode payload, Envelope message) {

    /** An error's reason: the payload's {@code reason} field, or null. */
    public String reason() {
        return Replies.reason(payload);
    }
}
