package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.replay.ReplayOptions;
import ai.kind.kmb.replay.ReplayProgress;
import ai.kind.kmb.replay.ReplaySession;
import ai.kind.kmb.replay.ReplaySpeed;
import ai.kind.kmb.replay.ReplayTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** The JSON of {@code /v1/replays}: the request that starts a replay, and a replay's progress. */
final class ReplayJson {
    private static final Set<String> REQUEST_FIELDS = Set.of("from", "to", "filter", "target", "speed", "durable",
            "paused");

    /** A replay request: a stored range {@code [from, to)} and how to replay it. */
    record Request(Instant from, Instant to, ReplayOptions options, boolean paused) {
    }

    private ReplayJson() {
    }

    static Request request(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? Json.object() : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw bad("body", "is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw bad("body", "must be a JSON object");
        }
        node.properties().forEach(field -> {
            if (!REQUEST_FIELDS.contains(field.getKey())) {
                throw bad(field.getKey(), "is not a replay field (" + String.join(", ", REQUEST_FIELDS.stream()
                        .sorted().toList()) + ")");
            }
        });
        ReplayOptions options = ReplayOptions.DEFAULT
                .withTarget(target(text(node, "target")))
                .withSpeed(ReplaySpeed.parse(text(node, "speed")))
                .withDurable(bool(node, "durable"));
        String filter = text(node, "filter");
        try {
            options = options.withFilter(filter);
        } catch (InvalidTopicException e) {
            throw bad("filter", e.details().isEmpty() ? e.getMessage() : e.details().getFirst().reason());
        }
        return new Request(time(node, "from"), time(node, "to"), options, bool(node, "paused"));
    }

    static ObjectNode progress(ReplaySession session) {
        ReplayProgress progress = session.progress();
        ObjectNode node = Json.object();
        node.put("id", progress.id());
        node.put("state", progress.state().wireName());
        node.put("published", progress.published());
        node.put("skipped", progress.skipped());
        node.put("failed", progress.failed());
        if (progress.total() == ReplayProgress.UNKNOWN) {
            node.putNull("total");
        } else {
            node.put("total", progress.total());
        }
        node.put("position", progress.position() == null ? null : progress.position().toString());
        node.put("failure", progress.failure());
        node.put("source", session.source().describe());
        node.put("started_by", session.startedBy());
        ReplayOptions options = session.options();
        node.put("filter", options.filter() == null ? null : options.filter().text());
        node.put("target", options.target().wireForm());
        node.put("speed", options.speed().wireForm());
        node.put("durable", options.durable());
        return node;
    }

    /** The progress plus why messages were not replayed. */
    static ObjectNode detail(ReplaySession session) {
        ObjectNode node = progress(session);
        ArrayNode issues = node.putArray("issues");
        session.issues().forEach(issue -> issues.addObject()
                .put("kind", issue.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("message_id", issue.messageId())
                .put("topic", issue.topic())
                .put("reason", issue.reason()));
        return node;
    }

    private static ReplayTarget target(String text) {
        try {
            return ReplayTarget.parse(text);
        } catch (InvalidTopicException e) {
            throw bad("target", "must be 'original' or a topic prefix: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() && field.equals("speed")) {
            return value.asText();
        }
        if (!value.isTextual()) {
            throw bad(field, "must be a string, got " + value);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw bad(field, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(field, "must be an RFC 3339 time such as 2025-06-20T15:42:00Z, got '" + text + "'");
        }
    }

    private static KmbException bad(String field, String reason) {
        return new KmbException(ErrorCode.BAD_REQUEST, field + " " + reason, List.of(new ErrorDetail(field, reason)));
    }
}
