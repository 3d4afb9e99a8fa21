package ai.kind.kmb.request;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.trace.Tracing;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Builds replies: type {@code reply}, to the request's {@code reply_to}, carrying its correlation id
 * (or its message id when it has none), the status, and a child span of the request's trace.
 */
public final class Replies {
    private Replies() {
    }

    public static Envelope to(Envelope request, String status, JsonNode payload) {
        String replyTo = request.metadata().replyTo();
        if (replyTo == null) {
            throw new KmbException(ErrorCode.BAD_REQUEST, "message " + request.id() + " on '" + request.topic()
                    + "' has no reply_to; nobody waits for a reply",
                    List.of(new ErrorDetail("metadata.reply_to", "is missing")));
        }
        Metadata metadata = Metadata.EMPTY.withCorrelation(correlationOf(request), null).withStatus(status);
        return Envelope.of(replyTo, MessageType.REPLY, payload, Tracing.childOf(request, metadata));
    }

    /** An ERROR or error reply with this reason as {@code {"reason": ...}}. */
    public static JsonNode reasonPayload(String reason) {
        return Json.object().put("reason", reason);
    }

    static String reason(JsonNode payload) {
        JsonNode reason = payload == null ? null : payload.get("reason");
        return reason == null || reason.isNull() ? null : reason.asText();
    }

    /** What a reply to this request must carry in {@code correlation_id}. */
    public static String correlationOf(Envelope request) {
        return Objects.requireNonNullElse(request.metadata().correlationId(), request.id());
    }
}
