package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.ui.support.Tasks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/** How replies and send outcomes are written for a person. */
final class ReplyRows {
    static final int SUMMARY_CHARS = 200;

    private ReplyRows() {
    }

    static ReplyRow of(Envelope reply, Duration after) {
        String status = reply.metadata().status();
        String lower = status == null ? "" : status.toLowerCase(Locale.ROOT);
        boolean failed = lower.equals("error") || lower.equals("not_found");
        JsonNode payload = reply.payload();
        // An error reply usually says why in "error" or "message"; that is the line worth reading.
        JsonNode reason = payload.has("error") ? payload.get("error") : payload.get("message");
        String summary = failed && reason != null ? (reason.isTextual() ? reason.asText() : reason.toString())
                : payload.toString();
        if (summary.length() > SUMMARY_CHARS) {
            summary = summary.substring(0, SUMMARY_CHARS - 1) + "…";
        }
        return new ReplyRow(after, status == null ? "reply" : status, summary, pretty(EnvelopeCodec.toJson(reply)),
                failed);
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    static String timedOut(int replies, Duration timeout) {
        String within = (timeout.toMillis() < 1_000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s");
        return replies == 0 ? "No reply within " + within
                : "No final reply within " + within + " after " + replies + (replies == 1 ? " reply" : " replies");
    }

    static String where(PublishAck ack) {
        return ack.offset() == PublishAck.NOT_STORED ? "live only, not stored" : "offset " + ack.offset();
    }

    /** A failed send on one line; no_responders gets words of its own, since it is the usual surprise. */
    static String failure(SentMessage sent, Throwable failure) {
        Throwable cause = Tasks.unwrap(failure);
        if (cause instanceof KmbException kmb && kmb.code() == ErrorCode.NO_RESPONDERS) {
            return "No responders: nothing subscribes to " + sent.topic() + ", so the " + sent.type().wireName()
                    + " cannot be answered (" + kmb.getMessage() + ")";
        }
        return Tasks.failure("Sending the " + sent.type().wireName() + " to " + sent.topic(), cause);
    }
}
