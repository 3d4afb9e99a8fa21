package ai.kind.kmb.cli;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A JSON argument as kmbctl takes it: the text itself, {@code @FILE}, or {@code -} for standard input. */
final class JsonInput {
    private JsonInput() {
    }

    /** Reads and parses {@code argument}; {@code what} names it in errors ("the payload", "the schema"). */
    static JsonNode read(String argument, InputStream in, String what) throws IOException {
        String text;
        if (argument.equals("-")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } else if (argument.startsWith("@")) {
            text = Files.readString(Path.of(argument.substring(1)), StandardCharsets.UTF_8);
        } else {
            text = argument;
        }
        return parse(text, what);
    }

    private static JsonNode parse(String text, String what) {
        if (text.isBlank()) {
            throw invalid(what, "is empty; give JSON text such as '{\"n\":1}'");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw invalid(what, "is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static KmbException invalid(String what, String reason) {
        String field = what.replaceFirst("^the ", "");
        return new KmbException(ErrorCode.BAD_REQUEST, what + " " + reason, List.of(new ErrorDetail(field, reason)));
    }
}
