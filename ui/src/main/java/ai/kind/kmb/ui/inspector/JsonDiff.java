package ai.kind.kmb.ui.inspector;

import ai.kind.kmb.ui.feed.BoundedJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two messages on the same topic, field by field. Arrays are compared by
 * position, which is what a person reading agent state expects ("the third step changed").
 */
public final class JsonDiff {
    private static final int VALUE_CHARS = 120;

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** One difference; {@code path} like {@code payload.steps[2].status}; absent sides are empty. */
    public record Entry(String path, Kind kind, String before, String after) {
    }

    private JsonDiff() {
    }

    /** Differences from {@code before} to {@code after}, skipping top-level fields named in {@code ignored}. */
    public static List<Entry> between(JsonNode before, JsonNode after, Set<String> ignored) {
        List<Entry> entries = new ArrayList<>();
        if (before.isObject() && after.isObject()) {
            for (String field : fieldNames(before, after)) {
                if (!ignored.contains(field)) {
                    compare(field, before.get(field), after.get(field), entries);
                }
            }
        } else {
            compare("", before, after, entries);
        }
        return entries;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Entry> entries) {
        if (before == null || before.isMissingNode()) {
            entries.add(new Entry(path, Kind.ADDED, "", text(after)));
        } else if (after == null || after.isMissingNode()) {
            entries.add(new Entry(path, Kind.REMOVED, text(before), ""));
        } else if (before.isObject() && after.isObject()) {
            for (String field : fieldNames(before, after)) {
                compare(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field), entries);
            }
        } else if (before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                compare(path + "[" + i + "]", before.get(i), after.get(i), entries);
            }
        } else if (!before.equals(after)) {
            entries.add(new Entry(path, Kind.CHANGED, text(before), text(after)));
        }
    }

    private static Set<String> fieldNames(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(JsonNode node) {
        return BoundedJson.oneLine(BoundedJson.write(node, VALUE_CHARS + 1).text(), VALUE_CHARS);
    }
}
