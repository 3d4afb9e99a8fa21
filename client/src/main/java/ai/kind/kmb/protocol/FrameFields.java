package ai.kind.kmb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Field access for {@link FrameCodec}, each refusal naming the field and what was wrong. */
final class FrameFields {
    private FrameFields() {
    }

    static Long req(ObjectNode node) {
        JsonNode req = node.get("req");
        if (req == null || req.isNull()) {
            throw new FrameException(null, "req", "is missing; every client frame carries a request number");
        }
        if (!req.isIntegralNumber() || !req.canConvertToLong() || req.asLong() < 0) {
            throw new FrameException(null, "req", "must be a non-negative whole number, got " + req);
        }
        return req.asLong();
    }

    static String op(ObjectNode node, Long req) {
        return requiredText(node, "op", req);
    }

    static JsonNode required(ObjectNode node, String field, Long req) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FrameException(req, field, "is missing");
        }
        return value;
    }

    static String requiredText(ObjectNode node, String field, Long req) {
        JsonNode value = required(node, field, req);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new FrameException(req, field, "must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new FrameException(reqOrNull(node), field, "must be a string, got " + value);
        }
        return value.asText();
    }

    static Boolean bool(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new FrameException(reqOrNull(node), field, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    static Integer integer(ObjectNode node, String field) {
        Long value = longValue(node, field);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw new FrameException(reqOrNull(node), field, "is out of range: " + value);
        }
        return value == null ? null : value.intValue();
    }

    static Long longValue(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new FrameException(reqOrNull(node), field, "must be a whole number, got " + value);
        }
        return value.asLong();
    }

    /** An array of whole numbers, or null when absent; a wrong element is named by its place, from 1. */
    static List<Long> longs(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new FrameException(reqOrNull(node), field, "must be an array of whole numbers, got " + value);
        }
        List<Long> read = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                throw new FrameException(reqOrNull(node), field, "element " + (i + 1) + " of " + value.size()
                        + " must be a whole number, got " + element);
            }
            read.add(element.asLong());
        }
        return read;
    }

    static void putSub(ObjectNode node, Frame.Sub sub) {
        node.put("req", sub.req()).put("sid", sub.sid()).put("filter", sub.filter()).put("durable", sub.durable())
                .put("group", sub.group()).put("ack", sub.ack()).put("max_inflight", sub.maxInflight())
                .put("from", sub.from()).put("ack_wait_ms", sub.ackWaitMs()).put("max_deliver", sub.maxDeliver());
        if (sub.backoffMs() != null) {
            ArrayNode backoff = node.putArray("backoff_ms");
            sub.backoffMs().forEach(backoff::add);
        }
        node.put("observe", sub.observe());
    }

    static void putCommitted(ObjectNode node, Frame.TxCommitted committed) {
        node.put("req", committed.req()).put("tx", committed.tx());
        ArrayNode acks = node.putArray("acks");
        committed.acks().forEach(ack -> acks.addObject().put("id", ack.id()).put("offset", ack.offset()));
    }

    static List<Frame.Committed> committed(JsonNode acks) {
        List<Frame.Committed> read = new ArrayList<>();
        if (acks != null && acks.isArray()) {
            acks.forEach(ack -> read.add(new Frame.Committed(ack.path("id").asText(), ack.path("offset").asLong(-1))));
        }
        return read;
    }

    static void putError(ObjectNode node, Frame.Error error) {
        if (error.req() != null) {
            node.put("req", error.req());
        }
        node.put("code", error.code()).put("message", error.message());
        ArrayNode details = node.putArray("details");
        error.details().forEach(detail -> details.addObject().put("field", detail.field()).put("reason", detail.reason()));
    }

    private static Long reqOrNull(ObjectNode node) {
        JsonNode req = node.get("req");
        return req != null && req.canConvertToLong() ? req.asLong() : null;
    }
}
