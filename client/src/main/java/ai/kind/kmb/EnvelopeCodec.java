package ai.kind.kmb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes envelopes as JSON. Reading is strict about the fields it knows and names the
 * field and the reason of every refusal; fields it does not know are kept and written back.
 */
public final class EnvelopeCodec {
    private static final Set<String> ENVELOPE_FIELDS = Set.of("id", "timestamp", "topic", "type", "payload", "metadata");
    private static final Set<String> METADATA_FIELDS = Set.of("trace_id", "span_id", "parent_id", "correlation_id",
            "reply_to", "schema_version", "status", "ttl_ms", "auth", "signature", "headers");

    private EnvelopeCodec() {
    }

    public static Envelope fromJson(String json) {
        return fromJson(parseTree(json));
    }

    public static Envelope fromJson(byte[] json) {
        try {
            return fromJson(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidEnvelopeException("message", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEnvelopeException("message", "could not be read: " + e.getMessage());
        }
    }

    public static Envelope fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidEnvelopeException("message", "must be a JSON object, got " + kind(node));
        }
        JsonNode topicNode = node.get("topic");
        if (topicNode == null || topicNode.isNull()) {
            throw new InvalidEnvelopeException("topic", "is missing");
        }
        String topic = optionalText(node, "topic");
        Topics.requireValidName(topic);
        String typeName = node.has("type") && !node.get("type").isNull() ? optionalText(node, "type") : "event";
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            if (!ENVELOPE_FIELDS.contains(entry.getKey())) {
                extra.put(entry.getKey(), entry.getValue());
            }
        });
        return new Envelope(optionalText(node, "id"), timestamp(node), topic, MessageType.fromWireName(typeName),
                node.get("payload"), metadata(node.get("metadata")), extra);
    }

    /**
     * Reads a well-formed envelope from a parser on its opening brace, without building its tree, and
     * leaves the parser on its closing brace. Returns null, the parser somewhere inside, for anything
     * {@link #fromJson(JsonNode)} might refuse: read the text that way then, to learn why.
     */
    public static Envelope readPlain(JsonParser in) throws IOException {
        return EnvelopeReader.read(in, EnvelopeCodec::metadata);
    }

    public static ObjectNode toJson(Envelope envelope) {
        ObjectNode node = Json.object();
        putIfPresent(node, "id", envelope.id());
        if (envelope.timestamp() != null) {
            node.put("timestamp", envelope.timestamp().toString());
        }
        node.put("topic", envelope.topic());
        node.put("type", envelope.type().wireName());
        node.set("payload", envelope.payload());
        ObjectNode metadata = metadataJson(envelope.metadata());
        if (!metadata.isEmpty()) {
            node.set("metadata", metadata);
        }
        envelope.extra().forEach(node::set);
        return node;
    }

    /**
     * Writes the envelope as {@link #toJson} would give it, field for field, without building the
     * tree: for code that writes many messages, such as a server's deliveries.
     */
    public static void write(Envelope envelope, JsonGenerator out) throws IOException {
        EnvelopeWriter.write(envelope, out, ENVELOPE_FIELDS, METADATA_FIELDS);
    }

    public static String toJsonString(Envelope envelope) {
        try {
            return Json.mapper().writeValueAsString(toJson(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static byte[] toJsonBytes(Envelope envelope) {
        try {
            return Json.mapper().writeValueAsBytes(toJson(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode parseTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvelopeException("message", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant timestamp(JsonNode node) {
        String text = optionalText(node, "timestamp");
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEnvelopeException("timestamp", "'" + text + "' is not an RFC 3339 date-time");
        }
    }

    private static Metadata metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Metadata.EMPTY;
        }
        if (!node.isObject()) {
            throw new InvalidEnvelopeException("metadata", "must be a JSON object, got " + kind(node));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            if (!METADATA_FIELDS.contains(entry.getKey())) {
                extra.put(entry.getKey(), entry.getValue());
            }
        });
        return new Metadata(optionalText(node, "trace_id", "metadata."), optionalText(node, "span_id", "metadata."),
                optionalText(node, "parent_id", "metadata."), optionalText(node, "correlation_id", "metadata."),
                optionalText(node, "reply_to", "metadata."), optionalText(node, "schema_version", "metadata."),
                optionalText(node, "status", "metadata."), ttl(node), auth(node.get("auth")),
                signature(node.get("signature")), headers(node.get("headers")), extra);
    }

    private static Long ttl(JsonNode metadata) {
        JsonNode ttl = metadata.get("ttl_ms");
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 0) {
            throw new InvalidEnvelopeException("metadata.ttl_ms", "must be a non-negative whole number of milliseconds, got "
                    + ttl);
        }
        return ttl.asLong();
    }

    private static Metadata.Auth auth(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "metadata.auth");
        return new Metadata.Auth(optionalText(node, "issuer", "metadata.auth."),
                optionalText(node, "client_id", "metadata.auth."));
    }

    private static Metadata.Signature signature(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "metadata.signature");
        return new Metadata.Signature(optionalText(node, "alg", "metadata.signature."),
                optionalText(node, "key_id", "metadata.signature."), optionalText(node, "value", "metadata.signature."));
    }

    private static Map<String, String> headers(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireObject(node, "metadata.headers");
        Map<String, String> headers = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            // A header is a string; null is refused here rather than failing later as a bare NPE.
            if (entry.getValue().isNull()) {
                throw new InvalidEnvelopeException("metadata.headers." + entry.getKey(), "must be a string, got null");
            }
            headers.put(entry.getKey(), optionalText(node, entry.getKey(), "metadata.headers."));
        });
        return headers;
    }

    private static ObjectNode metadataJson(Metadata metadata) {
        ObjectNode node = Json.object();
        putIfPresent(node, "trace_id", metadata.traceId());
        putIfPresent(node, "span_id", metadata.spanId());
        putIfPresent(node, "parent_id", metadata.parentId());
        putIfPresent(node, "correlation_id", metadata.correlationId());
        putIfPresent(node, "reply_to", metadata.replyTo());
        putIfPresent(node, "schema_version", metadata.schemaVersion());
        putIfPresent(node, "status", metadata.status());
        if (metadata.ttlMs() != null) {
            node.put("ttl_ms", metadata.ttlMs());
        }
        if (metadata.auth() != null) {
            ObjectNode auth = node.putObject("auth");
            putIfPresent(auth, "issuer", metadata.auth().issuer());
            putIfPresent(auth, "client_id", metadata.auth().clientId());
        }
        if (metadata.signature() != null) {
            ObjectNode signature = node.putObject("signature");
            putIfPresent(signature, "alg", metadata.signature().alg());
            putIfPresent(signature, "key_id", metadata.signature().keyId());
            putIfPresent(signature, "value", metadata.signature().value());
        }
        if (!metadata.headers().isEmpty()) {
            ObjectNode headers = node.putObject("headers");
            metadata.headers().forEach(headers::put);
        }
        metadata.extra().forEach(node::set);
        return node;
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidEnvelopeException(field, "must be a JSON object, got " + kind(node));
        }
    }

    private static String optionalText(JsonNode node, String field) {
        return optionalText(node, field, "");
    }

    private static String optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEnvelopeException(path + field, "must be a string, got " + kind(value));
        }
        return value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
