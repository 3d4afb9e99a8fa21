package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.List;

/**
 * Arrays: the items of both are compared as schemas ({@code items} as one schema, or tuples by
 * position through {@code prefixItems} in 2020-12 and an {@code items} array in draft-07).
 */
final class ArrayRules {
    private ArrayRules() {
    }

    static void compare(JsonSchemaDiff diff, String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        JsonNode readerTuple = tuple(reader);
        JsonNode writerTuple = tuple(writer);
        if (readerTuple != null) {
            for (int i = 0; i < readerTuple.size(); i++) {
                JsonNode writerItem = writerTuple != null && i < writerTuple.size() ? writerTuple.get(i) : rest(writer);
                diff.compareChild(JsonSchemaDiff.child(pointer, tupleKeyword(reader), String.valueOf(i)),
                        writerItem, readerTuple.get(i), out);
            }
        }
        JsonNode readerRest = rest(reader);
        if (!JsonSchemaDiff.acceptsAnything(readerRest)) {
            String keyword = reader.has("prefixItems") || !reader.path("items").isArray() ? "items" : "additionalItems";
            diff.compareChild(JsonSchemaDiff.child(pointer, keyword), rest(writer), readerRest, out);
        }
    }

    private static JsonNode tuple(JsonNode schema) {
        if (schema.path("prefixItems").isArray()) {
            return schema.get("prefixItems");
        }
        return schema.path("items").isArray() ? schema.get("items") : null;
    }

    private static String tupleKeyword(JsonNode schema) {
        return schema.has("prefixItems") ? "prefixItems" : "items";
    }

    /** The schema of items past the tuple (or of every item when there is no tuple). */
    private static JsonNode rest(JsonNode schema) {
        JsonNode rest = schema.path("items").isArray() ? schema.path("additionalItems") : schema.path("items");
        return rest.isMissingNode() ? BooleanNode.TRUE : rest;
    }
}
