package ai.kind.kmb.cli;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads a line of kmbctl's --json output, failing the test with the line if it is not JSON. */
final class TestJson {
    private TestJson() {
    }

    static JsonNode read(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
