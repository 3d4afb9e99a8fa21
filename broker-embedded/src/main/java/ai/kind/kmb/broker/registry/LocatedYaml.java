package ai.kind.kmb.broker.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a tree, with the line each value started on, so that a problem found
 * after parsing (a missing version, a bad mode) is still reported at its line.
 */
record LocatedYaml(JsonNode root, Map<String, Integer> lines) {
    private static final YAMLFactory YAML = new YAMLFactory();

    static LocatedYaml read(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try (JsonParser parser = YAML.createParser(text)) {
            parser.setCodec(ai.kind.kmb.Json.mapper());
            root = parser.readValueAsTree();
        }
        return new LocatedYaml(root, lines(text));
    }

    private static Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    JsonPointer pointer = parser.getParsingContext().pathAsPointer();
                    lines.putIfAbsent(pointer.toString(), parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    /** The line of the value at {@code pointer}, or of its nearest parent that has one; 0 if none. */
    int lineOf(String pointer) {
        JsonPointer current = JsonPointer.compile(pointer);
        while (current != null) {
            Integer line = lines.get(current.toString());
            if (line != null) {
                return line;
            }
            current = current.head();
        }
        return 0;
    }

    static int lineOf(JsonProcessingException failure) {
        return failure.getLocation() == null ? 0 : failure.getLocation().getLineNr();
    }
}
