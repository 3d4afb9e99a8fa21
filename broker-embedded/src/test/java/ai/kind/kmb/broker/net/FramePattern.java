package ai.kind.kmb.broker.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The matching rules of docs/protocol-vectors, as docs/protocol.md states them: every field of the
 * pattern must be in the frame and match; the frame may have more. A string starting with
 * {@code $} matches by kind; {@code $$} stands for a literal leading {@code $}.
 */
final class FramePattern {
    private FramePattern() {
    }

    /** Null when the frame matches; otherwise where and why it does not. */
    static String mismatch(JsonNode pattern, JsonNode actual, String path) {
        if (pattern.isTextual() && pattern.asText().startsWith("$") && !pattern.asText().startsWith("$$")) {
            return byKind(pattern.asText(), actual, path);
        }
        if (actual == null || actual.isMissingNode()) {
            return path + " is missing";
        }
        if (pattern.isObject()) {
            if (!actual.isObject()) {
                return path + " should be an object, is " + actual;
            }
            for (Map.Entry<String, JsonNode> field : pattern.properties()) {
                String problem = mismatch(field.getValue(), actual.get(field.getKey()), path + "/" + field.getKey());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (pattern.isArray()) {
            if (!actual.isArray() || actual.size() != pattern.size()) {
                return path + " should be an array of " + pattern.size() + ", is " + actual;
            }
            for (int i = 0; i < pattern.size(); i++) {
                String problem = mismatch(pattern.get(i), actual.get(i), path + "/" + i);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        JsonNode expected = pattern.isTextual() && pattern.asText().startsWith("$$")
                ? JsonNodeFactory.instance.textNode(pattern.asText().substring(1)) : pattern;
        boolean equal = expected.isNumber() && actual.isNumber()
                ? expected.decimalValue().compareTo(actual.decimalValue()) == 0 : expected.equals(actual);
        return equal ? null : path + " should be " + expected + ", is " + actual;
    }

    private static String byKind(String kind, JsonNode actual, String path) {
        boolean present = actual != null && !actual.isMissingNode();
        boolean ok = kind.startsWith("$save:") ? present && actual.isTextual() && !actual.asText().isEmpty()
                : switch (kind) {
            case "$absent" -> !present;
            case "$any" -> present;
            case "$string" -> present && actual.isTextual() && !actual.asText().isEmpty();
            case "$number" -> present && actual.isNumber();
            case "$positive" -> present && actual.isNumber() && actual.asDouble() > 0;
            case "$timestamp" -> present && actual.isTextual() && isTime(actual.asText());
            default -> throw new IllegalArgumentException("unknown matcher " + kind + " at " + path);
        };
        return ok ? null : path + " should be " + kind.substring(1) + ", is " + (present ? actual : "missing");
    }

    private static boolean isTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Expands {@code {"$repeat": S, "times": N}} anywhere in a frame to send into S repeated N times,
     * and {@code "$load:NAME"} into the value an earlier frame's {@code "$save:NAME"} matched.
     */
    static JsonNode expand(JsonNode node, Map<String, JsonNode> saved) {
        if (node.isObject() && node.has("$repeat")) {
            return JsonNodeFactory.instance.textNode(node.get("$repeat").asText().repeat(node.get("times").asInt()));
        }
        if (node.isTextual() && node.asText().startsWith("$load:")) {
            String name = node.asText().substring("$load:".length());
            if (!saved.containsKey(name)) {
                throw new IllegalArgumentException("no frame saved '" + name + "' before it was loaded");
            }
            return saved.get(name);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), expand(field.getValue(), saved)));
            return copy;
        }
        return node;
    }

    /** Keeps what each {@code "$save:NAME"} of a matched pattern matched in the frame. */
    static void save(JsonNode pattern, JsonNode actual, Map<String, JsonNode> saved) {
        if (pattern.isTextual() && pattern.asText().startsWith("$save:")) {
            saved.put(pattern.asText().substring("$save:".length()), actual);
        } else if (pattern.isObject() && actual != null && actual.isObject()) {
            pattern.properties().forEach(field -> save(field.getValue(), actual.get(field.getKey()), saved));
        } else if (pattern.isArray() && actual != null && actual.isArray()) {
            for (int i = 0; i < pattern.size(); i++) {
                save(pattern.get(i), actual.get(i), saved);
            }
        }
    }
}
