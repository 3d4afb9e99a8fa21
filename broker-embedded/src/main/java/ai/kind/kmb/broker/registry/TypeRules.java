package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code type}: the reader must accept every type the writer allows ({@code number} covers {@code integer}). */
final class TypeRules {
    private static final Set<String> ALL = Set.of("null", "boolean", "object", "array", "number", "integer", "string");

    private TypeRules() {
    }

    static void compare(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        if (!reader.has("type")) {
            return;
        }
        Set<String> writerTypes = types(writer);
        Set<String> readerTypes = types(reader);
        Set<String> lost = new LinkedHashSet<>();
        for (String type : writerTypes) {
            boolean kept = readerTypes.contains(type) || type.equals("integer") && readerTypes.contains("number");
            if (!kept) {
                lost.add(type);
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        boolean noneKept = lost.size() == writerTypes.size();
        out.add(new SchemaChange(JsonSchemaDiff.child(pointer, "type"), noneKept ? "TYPE_CHANGED" : "TYPE_NARROWED",
                "type " + describe(writer) + " became " + readerTypes + ": " + lost + " no longer accepted"));
    }

    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = new LinkedHashSet<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(item -> types.add(item.asText()));
        } else {
            types.addAll(ALL);
        }
        if (types.contains("number")) {
            types.add("integer");
        }
        return types;
    }

    private static String describe(JsonNode schema) {
        return schema.has("type") ? schema.get("type").toString() : "(any)";
    }
}
