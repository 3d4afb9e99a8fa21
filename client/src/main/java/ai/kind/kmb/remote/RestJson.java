package ai.kind.kmb.remote;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.limits.RateLimitStats;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeathReason;
import ai.kind.kmb.dlq.DeathRecord;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.topics.TopicSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the REST answers' JSON (docs/protocol.md) into the shared records. */
final class RestJson {
    private RestJson() {
    }

    static PublishAck publishAck(JsonNode node) {
        return new PublishAck(node.path("id").asText(null), node.path("offset").asLong(PublishAck.NOT_STORED),
                node.path("duplicate").asBoolean(false));
    }

    static StoredMessage stored(JsonNode node) {
        return new StoredMessage(node.path("offset").asLong(), time(node.get("received_at")),
                EnvelopeCodec.fromJson(node.get("msg")));
    }

    static List<StoredMessage> storedList(JsonNode array) {
        List<StoredMessage> messages = new ArrayList<>();
        array.forEach(node -> messages.add(stored(node)));
        return messages;
    }

    static HistoryPage page(JsonNode node) {
        JsonNode next = node.get("next_after");
        return new HistoryPage(storedList(node.path("messages")), next == null || next.isNull() ? null : next.asLong());
    }

    static TopicListing topics(JsonNode node) {
        List<TopicSnapshot> topics = new ArrayList<>();
        node.path("topics").forEach(topic -> topics.add(new TopicSnapshot(topic.path("topic").asText(),
                topic.path("count").asLong(), topic.path("rate_1m").asDouble(), time(topic.get("last_published")))));
        return new TopicListing(topics, node.path("published").asLong(), node.path("untracked").asLong());
    }

    static DeadLetter deadLetter(JsonNode node) {
        JsonNode death = node.path("death");
        String id = node.path("id").asText();
        return new DeadLetter(id, EnvelopeCodec.fromJson(node.get("msg")),
                new DeathRecord(reason(death.path("reason").asText(null), id), death.path("original_topic").asText(null),
                        death.path("subscriber").asText(null), death.path("delivery_count").asInt(),
                        time(death.get("first_death")), time(death.get("last_death")), death.path("deaths").asInt(),
                        death.path("last_error").asText(null)));
    }

    static DeadLetterPage deadLetterPage(JsonNode node) {
        List<DeadLetter> letters = new ArrayList<>();
        node.path("dead_letters").forEach(letter -> letters.add(deadLetter(letter)));
        JsonNode next = node.get("next_offset");
        return new DeadLetterPage(letters, next == null || next.isNull() ? DeadLetterPage.END : next.asInt());
    }

    static SnapshotInfo snapshotInfo(JsonNode node) {
        List<String> filters = new ArrayList<>();
        node.path("filters").forEach(filter -> filters.add(filter.asText()));
        return new SnapshotInfo(node.path("id").asText(), node.path("agent").asText(), node.path("offset").asLong(),
                filters, time(node.get("taken_at")), node.path("bytes").asLong());
    }

    static List<SnapshotInfo> snapshotInfos(JsonNode array) {
        List<SnapshotInfo> infos = new ArrayList<>();
        array.forEach(node -> infos.add(snapshotInfo(node)));
        return infos;
    }

    static Snapshot snapshot(JsonNode node) {
        return new Snapshot(snapshotInfo(node), node.get("state"));
    }

    private static DeathReason reason(String wireName, String letterId) {
        try {
            return DeathReason.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            // A newer server may know reasons this client does not; say so rather than fail with a bare enum error.
            throw new KmbException(ErrorCode.INTERNAL, "dead letter '" + letterId + "' has the death reason '"
                    + wireName + "', which this client does not know; upgrade the client");
        }
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
