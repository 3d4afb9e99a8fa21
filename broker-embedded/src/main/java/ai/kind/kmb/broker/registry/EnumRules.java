package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code enum} and {@code const}: the reader must still accept every value the writer allowed. */
final class EnumRules {
    private EnumRules() {
    }

    static void compare(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        List<JsonNode> readerValues = values(reader);
        if (readerValues == null) {
            return;
        }
        String at = JsonSchemaDiff.child(pointer, reader.has("enum") ? "enum" : "const");
        List<JsonNode> writerValues = values(writer);
        if (writerValues == null) {
            out.add(new SchemaChange(at, "ENUM_ARRAY_NARROWED", "values restricted to " + readerValues
                    + " where any value was allowed"));
            return;
        }
        List<JsonNode> lost = new ArrayList<>(writerValues);
        lost.removeAll(readerValues);
        if (lost.isEmpty()) {
            return;
        }
        boolean someKept = lost.size() < writerValues.size();
        out.add(new SchemaChange(at, someKept ? "ENUM_ARRAY_NARROWED" : "ENUM_ARRAY_CHANGED",
                "values " + lost + " are no longer accepted"));
    }

    private static List<JsonNode> values(JsonNode schema) {
        if (schema.has("const")) {
            return List.of(schema.get("const"));
        }
        if (schema.path("enum").isArray()) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }
}
