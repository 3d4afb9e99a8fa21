package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Limits on strings, numbers, arrays and objects: a reader may loosen a limit or drop it, but a
 * limit added or tightened refuses data the writer allowed. {@code pattern} added or changed is
 * unsafe; {@code uniqueItems} added is unsafe.
 */
final class Bounds {
    private enum Side { UPPER, LOWER }

    private record Limit(String keyword, Side side, String prefix) {
    }

    private static final List<Limit> LIMITS = List.of(
            new Limit("maxLength", Side.UPPER, "MAX_LENGTH"), new Limit("minLength", Side.LOWER, "MIN_LENGTH"),
            new Limit("maximum", Side.UPPER, "MAXIMUM"), new Limit("minimum", Side.LOWER, "MINIMUM"),
            new Limit("exclusiveMaximum", Side.UPPER, "EXCLUSIVE_MAXIMUM"),
            new Limit("exclusiveMinimum", Side.LOWER, "EXCLUSIVE_MINIMUM"),
            new Limit("maxItems", Side.UPPER, "MAX_ITEMS"), new Limit("minItems", Side.LOWER, "MIN_ITEMS"),
            new Limit("maxProperties", Side.UPPER, "MAX_PROPERTIES"),
            new Limit("minProperties", Side.LOWER, "MIN_PROPERTIES"));

    private Bounds() {
    }

    static void compare(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        for (Limit limit : LIMITS) {
            JsonNode r = reader.path(limit.keyword());
            if (!r.isNumber()) {
                continue;
            }
            JsonNode w = writer.path(limit.keyword());
            String at = JsonSchemaDiff.child(pointer, limit.keyword());
            if (!w.isNumber()) {
                out.add(new SchemaChange(at, limit.prefix() + "_ADDED", limit.keyword() + " " + r + " added"));
                continue;
            }
            int order = r.decimalValue().compareTo(w.decimalValue());
            boolean tighter = limit.side() == Side.UPPER ? order < 0 : order > 0;
            if (tighter) {
                out.add(new SchemaChange(at, limit.prefix() + (limit.side() == Side.UPPER ? "_DECREASED" : "_INCREASED"),
                        limit.keyword() + " went from " + w + " to " + r));
            }
        }
        multipleOf(pointer, writer, reader, out);
        pattern(pointer, writer, reader, out);
        if (reader.path("uniqueItems").asBoolean(false) && !writer.path("uniqueItems").asBoolean(false)) {
            out.add(new SchemaChange(JsonSchemaDiff.child(pointer, "uniqueItems"), "UNIQUE_ITEMS_ADDED",
                    "items must now be unique"));
        }
    }

    private static void multipleOf(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        JsonNode r = reader.path("multipleOf");
        if (!r.isNumber()) {
            return;
        }
        JsonNode w = writer.path("multipleOf");
        String at = JsonSchemaDiff.child(pointer, "multipleOf");
        if (!w.isNumber()) {
            out.add(new SchemaChange(at, "MULTIPLE_OF_ADDED", "multipleOf " + r + " added"));
        } else if (w.decimalValue().remainder(r.decimalValue()).compareTo(BigDecimal.ZERO) != 0) {
            out.add(new SchemaChange(at, "MULTIPLE_OF_CHANGED", "multipleOf went from " + w + " to " + r
                    + ", which does not divide it"));
        }
    }

    private static void pattern(String pointer, JsonNode writer, JsonNode reader, List<SchemaChange> out) {
        JsonNode r = reader.path("pattern");
        if (!r.isTextual()) {
            return;
        }
        JsonNode w = writer.path("pattern");
        String at = JsonSchemaDiff.child(pointer, "pattern");
        if (!w.isTextual()) {
            out.add(new SchemaChange(at, "PATTERN_ADDED", "pattern " + r + " added"));
        } else if (!w.asText().equals(r.asText())) {
            out.add(new SchemaChange(at, "PATTERN_CHANGED", "pattern went from " + w + " to " + r));
        }
    }
}
