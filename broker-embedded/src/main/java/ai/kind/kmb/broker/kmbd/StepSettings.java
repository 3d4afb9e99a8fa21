package ai.kind.kmb.broker.kmbd;

import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.Topics;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.pipeline.HeaderTemplate;
import ai.kind.kmb.broker.pipeline.PublishStage;
import ai.kind.kmb.broker.pipeline.StepAction;
import ai.kind.kmb.broker.pipeline.StepSpec;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code kmb.pipeline.steps}: a list of mappings, each with a {@code filter}, an optional
 * {@code stage} ({@code before_validation} or {@code after_validation}, the default) and exactly
 * one action: {@code redact}, {@code set_headers}, {@code enrich_headers}, {@code copy_to},
 * {@code drop} or {@code log}.
 */
final class StepSettings {
    private static final List<String> ACTIONS = List.of("redact", "set_headers", "enrich_headers", "copy_to", "drop",
            "log");
    private static final Set<String> KEYS = Set.of("filter", "stage", "redact", "set_headers", "enrich_headers",
            "copy_to", "drop", "log");

    private StepSettings() {
    }

    static List<StepSpec> parse(String text) {
        List<JsonNode> items = StructuredValues.mappings(StructuredValues.tree(text));
        List<StepSpec> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            steps.add(step(i, items.get(i)));
        }
        return List.copyOf(steps);
    }

    private static StepSpec step(int index, JsonNode item) {
        String where = "[" + index + "]";
        StructuredValues.onlyKeys(item, where, KEYS);
        List<String> actions = ACTIONS.stream().filter(item::has).toList();
        if (actions.size() != 1) {
            throw StructuredValues.at(where, "needs exactly one action of " + String.join(", ", ACTIONS)
                    + (actions.isEmpty() ? ", got none" : ", got " + String.join(" and ", actions)));
        }
        String action = actions.getFirst();
        return new StepSpec(index, filter(item, where), stage(item, where),
                action(action, item.get(action), where + "." + action));
    }

    private static TopicFilter filter(JsonNode item, String where) {
        String text = StructuredValues.text(item, "filter", where);
        if (text == null) {
            throw StructuredValues.at(where + ".filter", "is required: the topics the step acts on, such as agent.#");
        }
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw StructuredValues.at(where + ".filter", e.getMessage());
        }
    }

    private static PublishStage stage(JsonNode item, String where) {
        String text = StructuredValues.text(item, "stage", where);
        return switch (text == null ? "after_validation" : text) {
            case "before_validation" -> PublishStage.BEFORE_VALIDATION;
            case "after_validation" -> PublishStage.AFTER_VALIDATION;
            default -> throw StructuredValues.at(where + ".stage",
                    "must be before_validation or after_validation, got '" + text + "'");
        };
    }

    private static StepAction action(String action, JsonNode value, String where) {
        return switch (action) {
            case "redact" -> new StepAction.Redact(StructuredValues.texts(value, where).stream()
                    .map(pointer -> pointer(pointer, where)).toList());
            case "set_headers" -> new StepAction.SetHeaders(headers(value, where), true);
            case "enrich_headers" -> new StepAction.SetHeaders(headers(value, where), false);
            case "copy_to" -> new StepAction.CopyTo(StructuredValues.texts(value, where).stream()
                    .map(topic -> topic(topic, where)).toList());
            case "drop" -> {
                if (!value.isBoolean() || !value.booleanValue()) {
                    throw StructuredValues.at(where, "must be true");
                }
                yield new StepAction.Drop();
            }
            default -> new StepAction.Log(logsFull(value, where));
        };
    }

    private static JsonPointer pointer(String text, String where) {
        if (!text.equals("/payload") && !text.startsWith("/payload/")) {
            throw StructuredValues.at(where, "must be a JSON pointer into the payload, such as /payload/secret,"
                    + " got '" + text + "'");
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw StructuredValues.at(where, "is not a JSON pointer: " + e.getMessage());
        }
    }

    private static Map<String, HeaderTemplate> headers(JsonNode value, String where) {
        if (!value.isObject() || value.isEmpty()) {
            throw StructuredValues.at(where, "must be a mapping of header names to values");
        }
        Map<String, HeaderTemplate> headers = new LinkedHashMap<>();
        value.properties().forEach(entry -> {
            String at = where + "." + entry.getKey();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw StructuredValues.at(at, "must be a text");
            }
            try {
                headers.put(entry.getKey(), new HeaderTemplate(entry.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw StructuredValues.at(at, e.getMessage());
            }
        });
        return headers;
    }

    private static String topic(String topic, String where) {
        try {
            return Topics.requireValidName(topic);
        } catch (InvalidTopicException e) {
            throw StructuredValues.at(where, e.getMessage());
        }
    }

    private static boolean logsFull(JsonNode value, String where) {
        String text = value.isValueNode() ? value.asText() : "";
        return switch (text) {
            case "true", "summary" -> false;
            case "full" -> true;
            default -> throw StructuredValues.at(where, "must be summary (or true) or full, got " + value);
        };
    }
}
