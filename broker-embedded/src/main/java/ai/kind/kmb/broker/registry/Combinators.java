package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anyOf}, {@code oneOf} and {@code allOf}. Every branch the writer may have used must be
 * read by some branch of the reader's {@code anyOf}/{@code oneOf} (branches added are safe,
 * branches removed or narrowed are not), and by every branch of the reader's {@code allOf}.
 */
final class Combinators {
    private Combinators() {
    }

    /** True when the schemas were compared here as combinations, so the plain rules are skipped. */
    static boolean compare(JsonSchemaDiff diff, String pointer, JsonNode writer, JsonNode reader,
                           List<SchemaChange> out) {
        String readerChoice = choice(reader);
        String writerChoice = choice(writer);
        if (readerChoice == null && writerChoice == null && !reader.has("allOf")) {
            return false;
        }
        if (reader.path("allOf").isArray()) {
            JsonNode all = reader.get("allOf");
            for (int i = 0; i < all.size(); i++) {
                diff.compareChild(JsonSchemaDiff.child(pointer, "allOf", String.valueOf(i)), writer, all.get(i), out);
            }
        }
        List<JsonNode> writerBranches = writerChoice == null ? List.of(writer) : list(writer.get(writerChoice));
        if (readerChoice != null) {
            List<JsonNode> readerBranches = list(reader.get(readerChoice));
            for (int i = 0; i < writerBranches.size(); i++) {
                JsonNode branch = writerBranches.get(i);
                if (readerBranches.stream().noneMatch(candidate -> diff.compatible(branch, candidate))) {
                    String at = JsonSchemaDiff.child(pointer, readerChoice);
                    out.add(new SchemaChange(at, "COMBINED_TYPE_SUBSCHEMAS_CHANGED", (writerChoice == null
                            ? "the earlier schema" : writerChoice + " branch " + i) + " is not read by any "
                            + readerChoice + " branch"));
                }
            }
        } else if (writerChoice != null) {
            for (int i = 0; i < writerBranches.size(); i++) {
                diff.compareChild(JsonSchemaDiff.child(pointer, writerChoice, String.valueOf(i)),
                        writerBranches.get(i), reader, out);
            }
        }
        return readerChoice != null || writerChoice != null;
    }

    private static String choice(JsonNode schema) {
        return schema.path("anyOf").isArray() ? "anyOf" : schema.path("oneOf").isArray() ? "oneOf" : null;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
