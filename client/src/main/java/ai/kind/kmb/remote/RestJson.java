package ai.kind.kmb.remote;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.limits.RateLimitStats;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the REST answers' JSON (docs/protocol.md) into the client's records. */
final class RestJson {
    private RestJson() {
    }

    static PublishAck publishAck(JsonNode node) {
        return new PublishAck(node.path("id").asText(null), node.path("offset").asLong(PublishAck.NOT_STORED),
                node.path("duplicate").asBoolean(false));
    }

    static HistoryEntry entry(JsonNode node) {
        return new HistoryEntry(node.path("offset").asLong(), time(node.get("received_at")),
                EnvelopeCodec.fromJson(node.get("msg")));
    }

    static List<HistoryEntry> entries(JsonNode array) {
        List<HistoryEntry> entries = new ArrayList<>();
        array.forEach(node -> entries.add(entry(node)));
        return entries;
    }

    static HistoryPage page(JsonNode node) {
        JsonNode next = node.get("next_after");
        return new HistoryPage(entries(node.path("messages")), next == null || next.isNull() ? null : next.asLong());
    }

    static TopicStats.Listing topics(JsonNode node) {
        List<TopicStats> topics = new ArrayList<>();
        node.path("topics").forEach(topic -> topics.add(new TopicStats(topic.path("topic").asText(),
                topic.path("count").asLong(), topic.path("rate_1m").asDouble(), time(topic.get("last_published")))));
        return new TopicStats.Listing(topics, node.path("published").asLong(), node.path("untracked").asLong());
    }

    static DeadLetterView deadLetter(JsonNode node) {
        JsonNode death = node.path("death");
        return new DeadLetterView(node.path("id").asText(), EnvelopeCodec.fromJson(node.get("msg")),
                new DeadLetterView.Death(death.path("reason").asText(null), death.path("original_topic").asText(null),
                        death.path("subscriber").asText(null), death.path("delivery_count").asInt(),
                        time(death.get("first_death")), time(death.get("last_death")), death.path("deaths").asInt(),
                        death.path("last_error").asText(null)));
    }

    static List<DeadLetterView> deadLetters(JsonNode node) {
        List<DeadLetterView> letters = new ArrayList<>();
        node.path("dead_letters").forEach(letter -> letters.add(deadLetter(letter)));
        return letters;
    }

    static List<RateLimitStats> limits(JsonNode node) {
        List<RateLimitStats> limits = new ArrayList<>();
        node.path("limits").forEach(limit -> limits.add(new RateLimitStats(limit.path("scope").asText(),
                limit.path("filter").asText(), limit.path("rate").asDouble(), limit.path("burst").asLong(),
                limit.path("mode").asText(), limit.path("allowed").asLong(), limit.path("throttled").asLong(),
                limit.path("rejected").asLong())));
        return List.copyOf(limits);
    }

    /**
     * The error body {@code {code, message, details}}; a body that is not one (a proxy's error page,
     * say) gets the code that matches the HTTP status, so the caller still learns what kind it was.
     */
    static KmbException error(int status, JsonNode body, String what) {
        if (body != null && body.hasNonNull("code")) {
            List<ErrorDetail> details = new ArrayList<>();
            body.path("details").forEach(detail -> details.add(new ErrorDetail(detail.path("field").asText(null),
                    detail.path("reason").asText(null))));
            return new KmbException(ErrorCode.fromWireName(body.get("code").asText()),
                    body.path("message").asText(what + " failed with HTTP " + status), details);
        }
        return new KmbException(codeFor(status), what + " failed with HTTP " + status);
    }

    private static ErrorCode codeFor(int status) {
        for (ErrorCode code : ErrorCode.values()) {
            // Several codes share 400 and 503; the first of each is the general one.
            if (code.httpStatus() == status) {
                return code;
            }
        }
        return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
    }

    private static Instant time(JsonNode node) {
        return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asText()).toInstant();
    }
}
