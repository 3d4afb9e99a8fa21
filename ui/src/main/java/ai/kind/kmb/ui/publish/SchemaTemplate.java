package ai.kind.kmb.ui.publish;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.SchemaFormat;
import ai.kind.kmb.registry.TopicVersion;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A payload to start from, made from a topic version's schema: every declared property with a
 * value of its type, taken from {@code const}, {@code default}, {@code examples} or the first
 * {@code enum} value when the schema gives one, else the smallest value its bounds allow. Protobuf
 * versions are made from their field list. The result is a start for a person to edit, not a
 * promise of validity (patterns and formats are not invented).
 */
final class SchemaTemplate {
    private static final int MAX_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaTemplate() {
    }

    static JsonNode of(TopicVersion version) {
        if (version.format() == SchemaFormat.PROTOBUF) {
            return protobuf(version.schema().path("fields"), 0);
        }
        return new Walk(version.schema()).value(version.schema(), 0);
    }

    private record Walk(JsonNode root) {
        JsonNode value(JsonNode schema, int depth) {
            JsonNode resolved = resolve(schema);
            for (String given : new String[] {"const", "default"}) {
                if (resolved.has(given)) {
                    return resolved.get(given).deepCopy();
                }
            }
            if (resolved.path("examples").isArray() && !resolved.get("examples").isEmpty()) {
                return resolved.get("examples").get(0).deepCopy();
            }
            if (resolved.path("enum").isArray() && !resolved.get("enum").isEmpty()) {
                return resolved.get("enum").get(0).deepCopy();
            }
            for (String choice : new String[] {"oneOf", "anyOf", "allOf"}) {
                if (resolved.path(choice).isArray() && !resolved.get(choice).isEmpty()) {
                    return value(resolved.get(choice).get(0), depth);
                }
            }
            return switch (type(resolved)) {
                case "object" -> object(resolved, depth);
                case "array" -> array(resolved, depth);
                case "string" -> NODES.textNode(resolved.path("format").asText().equals("date-time")
                        ? "2025-01-01T00:00:00Z" : "");
                case "integer" -> NODES.numberNode(resolved.path("minimum").asLong(0));
                case "number" -> NODES.numberNode(resolved.path("minimum").asDouble(0));
                case "boolean" -> NODES.booleanNode(false);
                default -> NODES.nullNode();
            };
        }

        private ObjectNode object(JsonNode schema, int depth) {
            ObjectNode object = Json.object();
            if (depth >= MAX_DEPTH) {
                return object;
            }
            schema.path("properties").properties().forEach(property ->
                    object.set(property.getKey(), value(property.getValue(), depth + 1)));
            return object;
        }

        private ArrayNode array(JsonNode schema, int depth) {
            ArrayNode array = NODES.arrayNode();
            int items = Math.max(1, schema.path("minItems").asInt(1));
            JsonNode item = schema.path("items");
            if (depth < MAX_DEPTH && (item.isObject() || item.isBoolean())) {
                for (int i = 0; i < Math.min(items, 3); i++) {
                    array.add(value(item, depth + 1));
                }
            }
            return array;
        }

        private JsonNode resolve(JsonNode schema) {
            JsonNode ref = schema.path("$ref");
            if (ref.isTextual() && ref.asText().startsWith("#")) {
                JsonNode target = root.at(JsonPointer.compile(ref.asText().substring(1)));
                return target.isMissingNode() ? schema : target;
            }
            return schema;
        }

        private static String type(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                for (JsonNode candidate : type) {
                    if (!candidate.asText().equals("null")) {
                        return candidate.asText();
                    }
                }
            }
            if (type.isTextual()) {
                return type.asText();
            }
            return schema.has("properties") ? "object" : "null";
        }
    }

    private static ObjectNode protobuf(JsonNode fields, int depth) {
        ObjectNode object = Json.object();
        for (JsonNode field : fields) {
            JsonNode value = field.has("fields") && depth < MAX_DEPTH ? protobuf(field.get("fields"), depth + 1)
                    : scalar(field.path("type").asText());
            object.set(field.path("name").asText(), field.path("repeated").asBoolean()
                    ? NODES.arrayNode().add(value) : value);
        }
        return object;
    }

    private static JsonNode scalar(String type) {
        return switch (type) {
            case "string", "bytes" -> NODES.textNode("");
            case "bool" -> NODES.booleanNode(false);
            case "double", "float" -> NODES.numberNode(0.0);
            case "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32",
                 "sfixed64" -> NODES.numberNode(0);
            default -> Json.object();
        };
    }
}
