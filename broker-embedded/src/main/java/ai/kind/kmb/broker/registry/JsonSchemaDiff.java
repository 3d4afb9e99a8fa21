package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what makes data written under one JSON Schema (the writer's) unreadable under another (the
 * reader's), with the rules of the Confluent Schema Registry: adding a property is safe to a closed
 * content model ({@code additionalProperties: false}) and unsafe to an open one, removing one is
 * the reverse; narrowing types, bounds, enums and required sets is unsafe, widening them is safe.
 * BACKWARD compares old (writer) with new (reader); FORWARD swaps them. Local {@code $ref}s
 * ({@code #/...}) are followed. Change names follow Confluent's ({@code TYPE_NARROWED},
 * {@code PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL}, ...).
 */
final class JsonSchemaDiff {
    private final JsonNode writerRoot;
    private final JsonNode readerRoot;
    private final Set<String> visiting = new HashSet<>();

    private JsonSchemaDiff(JsonNode writerRoot, JsonNode readerRoot) {
        this.writerRoot = writerRoot;
        this.readerRoot = readerRoot;
    }

    static List<SchemaChange> incompatibilities(JsonNode writer, JsonNode reader) {
        List<SchemaChange> changes = new ArrayList<>();
        new JsonSchemaDiff(writer, reader).compare("", writer, reader, changes);
        return changes;
    }

    private void compare(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        JsonNode w = resolve(writer, writerRoot);
        JsonNode r = resolve(reader, readerRoot);
        if (acceptsAnything(r) || rejectsEverything(w)) {
            return;
        }
        if (rejectsEverything(r)) {
            out.add(new SchemaChange(pointer, "SCHEMA_NARROWED", "the reader accepts nothing (false schema)"));
            return;
        }
        // Recursive schemas: a pair already being compared is assumed compatible on this path.
        String key = System.identityHashCode(w) + ":" + System.identityHashCode(r);
        if (!visiting.add(key)) {
            return;
        }
        try {
            if (Combinators.compare(this, pointer, w, r, out)) {
                return;
            }
            TypeRules.compare(pointer, w, r, out);
            Bounds.compare(pointer, w, r, out);
            EnumRules.compare(pointer, w, r, out);
            ObjectRules.compare(this, pointer, w, r, out);
            ArrayRules.compare(this, pointer, w, r, out);
        } finally {
            visiting.remove(key);
        }
    }

    /** Compares and says whether anything was incompatible, without reporting it. */
    boolean compatible(JsonNode writer, JsonNode reader) {
        List<SchemaChange> scratch = new ArrayList<>();
        compare("", writer, reader, scratch);
        return scratch.isEmpty();
    }

    void compareChild(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        compare(pointer, writer, reader, out);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode current = schema;
        for (int hops = 0; hops < 32 && current.isObject() && current.path("$ref").isTextual(); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return current;
            }
            JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }

    static boolean acceptsAnything(JsonNode schema) {
        return schema.isBoolean() ? schema.booleanValue() : schema.isObject() && constraintsOf(schema) == 0;
    }

    static boolean rejectsEverything(JsonNode schema) {
        return schema.isBoolean() && !schema.booleanValue();
    }

    /** Keywords that constrain data; annotations such as title, description and default do not. */
    private static long constraintsOf(JsonNode schema) {
        Set<String> annotations = Set.of("$schema", "$id", "$comment", "title", "description", "default",
                "examples", "$defs", "definitions", "deprecated", "readOnly", "writeOnly");
        List<String> keys = new ArrayList<>();
        schema.fieldNames().forEachRemaining(keys::add);
        return keys.stream().filter(key -> !annotations.contains(key)).count();
    }

    static String child(String pointer, String... segments) {
        StringBuilder result = new StringBuilder(pointer);
        for (String segment : segments) {
            result.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return result.toString();
    }
}
