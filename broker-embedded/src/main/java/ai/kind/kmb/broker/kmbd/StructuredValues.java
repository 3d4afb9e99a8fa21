package ai.kind.kmb.broker.kmbd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading the settings whose value is a list or a mapping (pipeline steps, rate limits). Such a
 * value arrives as JSON text: from the YAML file as its subtree, from an environment variable as
 * written (JSON is YAML, so either works there). Errors name the place inside the value, such as
 * {@code [2].redact}, and say what is wanted.
 */
final class StructuredValues {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StructuredValues() {
    }

    static JsonNode tree(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null ? YAML.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid YAML or JSON: " + e.getOriginalMessage());
        }
    }

    /** A list of mappings; a single mapping counts as a list of one. */
    static List<JsonNode> mappings(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isObject()) {
            items.add(node);
        } else if (node.isArray()) {
            node.forEach(items::add);
        } else {
            throw new IllegalArgumentException("must be a list of mappings, got " + node.getNodeType());
        }
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isObject()) {
                throw at("[" + i + "]", "must be a mapping, got " + items.get(i).getNodeType());
            }
        }
        return items;
    }

    static void onlyKeys(JsonNode mapping, String where, Set<String> known) {
        mapping.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw at(where + "." + key, "is not a known key; known: " + String.join(", ", known.stream().sorted()
                        .toList()));
            }
        });
    }

    static String text(JsonNode mapping, String key, String where) {
        JsonNode value = mapping.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw at(where + "." + key, "must be a single value, got " + value.getNodeType());
        }
        return value.asText();
    }

    /** A string or a list of strings, as a list. */
    static List<String> texts(JsonNode value, String where) {
        List<String> out = new ArrayList<>();
        if (value.isValueNode() && !value.isNull()) {
            out.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(item -> {
                if (!item.isValueNode() || item.isNull()) {
                    throw at(where, "must be a text or a list of texts");
                }
                out.add(item.asText());
            });
        }
        if (out.isEmpty()) {
            throw at(where, "must be a text or a non-empty list of texts");
        }
        return out;
    }

    static IllegalArgumentException at(String where, String problem) {
        return new IllegalArgumentException((where.startsWith(".") ? where.substring(1) : where) + ": " + problem);
    }
}
