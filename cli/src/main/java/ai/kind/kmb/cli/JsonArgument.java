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

/** A JSON command-line argument: the text itself, {@code @FILE} to read a file, or {@code -} for standard input. */
final class JsonArgument {
    private JsonArgument() {
    }

    /** Reads and parses {@code argument}; a blank or malformed value is {@code bad_request} naming {@code field}. */
    static JsonNode read(String argument, InputStream in, String field) throws IOException {
        String text;
        if (argument.equals("-")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } else if (argument.startsWith("@")) {
            text = Files.readString(Path.of(argument.substring(1)), StandardCharsets.UTF_8);
        } else {
            text = argument;
        }
        if (text.isBlank()) {
            throw invalid(field, "is empty; give JSON text such as '{\"n\":1}'");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw invalid(field, "is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static KmbException invalid(String field, String reason) {
        return new KmbException(ErrorCode.BAD_REQUEST, "the " + field + " " + reason,
                List.of(new ErrorDetail(field, reason)));
    }
}
