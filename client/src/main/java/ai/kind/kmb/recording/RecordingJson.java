package ai.kind.kmb.recording;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The JSON of the two kinds of line a recording holds. Readers get a reason for every refusal. */
final class RecordingJson {
    static final String VERSION_FIELD = "kmb_recording";

    private RecordingJson() {
    }

    /** A line that is not a valid entry; the reason becomes a {@link RecordingProblem}. */
    static final class BadLine extends Exception {
        BadLine(String reason) {
            super(reason, null, false, false);
        }
    }

    static byte[] headerLine(RecordingHeader header) {
        ObjectNode node = Json.object();
        node.put(VERSION_FIELD, header.version());
        putIfPresent(node, "source", header.source());
        putIfPresent(node, "filter", header.filter());
        node.put("started_at", header.startedAt().toString());
        return line(node);
    }

    static byte[] entryLine(Instant receivedAt, long offset, Envelope message) {
        ObjectNode node = Json.object();
        node.put("received_at", receivedAt.toString());
        node.put("offset", offset);
        node.set("msg", EnvelopeCodec.toJson(message));
        return line(node);
    }

    static RecordingHeader parseHeader(byte[] bytes, int length, String name) {
        JsonNode node;
        try {
            node = tree(bytes, length);
        } catch (BadLine e) {
            throw notARecording(name, "its first line is " + e.getMessage());
        }
        if (!node.isObject()) {
            throw notARecording(name, "its first line is not a JSON object");
        }
        JsonNode version = node.get(VERSION_FIELD);
        if (version == null || version.isNull()) {
            throw notARecording(name, "its first line has no '" + VERSION_FIELD + "' field");
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw notARecording(name, "'" + VERSION_FIELD + "' must be a positive whole number, got " + version);
        }
        if (version.intValue() > RecordingHeader.FORMAT_VERSION) {
            throw new RecordingFormatException(name, "is a KMB recording in format version " + version.intValue()
                    + "; this version of KMB reads format " + RecordingHeader.FORMAT_VERSION + " only");
        }
        try {
            return new RecordingHeader(version.intValue(), text(node, "source"), text(node, "filter"),
                    time(node, "started_at"));
        } catch (BadLine e) {
            throw notARecording(name, "its header " + e.getMessage());
        }
    }

    static RecordingEntry parseEntry(long lineNumber, byte[] bytes, int length) throws BadLine {
        JsonNode node = tree(bytes, length);
        if (!node.isObject()) {
            throw new BadLine("is not a JSON object");
        }
        Instant receivedAt = time(node, "received_at");
        JsonNode offset = node.get("offset");
        if (offset != null && !offset.isNull() && (!offset.isIntegralNumber() || !offset.canConvertToLong())) {
            throw new BadLine("'offset' must be a whole number, got " + offset);
        }
        JsonNode msg = node.get("msg");
        if (msg == null || msg.isNull()) {
            throw new BadLine("has no 'msg' field");
        }
        try {
            // A line without an offset came from a message that was never stored.
            long position = offset == null || offset.isNull() ? PublishAck.NOT_STORED : offset.longValue();
            return new RecordingEntry(lineNumber, receivedAt, position, EnvelopeCodec.fromJson(msg));
        } catch (KmbException e) {
            // Topic rules fail with their own exception type; both say exactly what is wrong.
            throw new BadLine("'msg' is not a valid envelope: " + e.getMessage());
        }
    }

    private static JsonNode tree(byte[] bytes, int length) throws BadLine {
        try {
            JsonNode node = Json.mapper().readTree(bytes, 0, length);
            if (node == null || node.isMissingNode()) {
                throw new BadLine("empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLine("unreadable: " + e.getMessage());
        }
    }

    private static Instant time(JsonNode node, String field) throws BadLine {
        String text = text(node, field);
        if (text == null) {
            throw new BadLine("has no '" + field + "' field");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadLine("'" + field + "' is '" + text + "', not an RFC 3339 date-time");
        }
    }

    private static String text(JsonNode node, String field) throws BadLine {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadLine("'" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static RecordingFormatException notARecording(String name, String reason) {
        return new RecordingFormatException(name, "is not a KMB recording: " + reason);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static byte[] line(ObjectNode node) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
