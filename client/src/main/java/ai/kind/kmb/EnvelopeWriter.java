package ai.kind.kmb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Writes an envelope straight to a JSON generator, the same fields in the same order as
 * {@link EnvelopeCodec#toJson} without building the tree first: for a server sending every message
 * to its subscribers the tree was a third of the work. An envelope whose unknown fields reuse a
 * known field's name (only code can make one; reading never does) goes through the tree, which
 * decides where such a field lands.
 */
final class EnvelopeWriter {
    private EnvelopeWriter() {
    }

    static void write(Envelope envelope, JsonGenerator out, Set<String> envelopeFields, Set<String> metadataFields)
            throws IOException {
        Metadata metadata = envelope.metadata();
        if (!Collections.disjoint(envelope.extra().keySet(), envelopeFields)
                || !Collections.disjoint(metadata.extra().keySet(), metadataFields)) {
            out.writeTree(EnvelopeCodec.toJson(envelope));
            return;
        }
        out.writeStartObject();
        text(out, "id", envelope.id());
        if (envelope.timestamp() != null) {
            out.writeStringField("timestamp", envelope.timestamp().toString());
        }
        out.writeStringField("topic", envelope.topic());
        out.writeStringField("type", envelope.type().wireName());
        out.writeFieldName("payload");
        out.writeTree(envelope.payload());
        if (hasFields(metadata)) {
            out.writeFieldName("metadata");
            metadata(out, metadata);
        }
        trees(out, envelope.extra());
        out.writeEndObject();
    }

    private static boolean hasFields(Metadata m) {
        return m.traceId() != null || m.spanId() != null || m.parentId() != null || m.correlationId() != null
                || m.replyTo() != null || m.schemaVersion() != null || m.status() != null || m.ttlMs() != null
                || m.auth() != null || m.signature() != null || !m.headers().isEmpty() || !m.extra().isEmpty();
    }

    private static void metadata(JsonGenerator out, Metadata metadata) throws IOException {
        out.writeStartObject();
        text(out, "trace_id", metadata.traceId());
        text(out, "span_id", metadata.spanId());
        text(out, "parent_id", metadata.parentId());
        text(out, "correlation_id", metadata.correlationId());
        text(out, "reply_to", metadata.replyTo());
        text(out, "schema_version", metadata.schemaVersion());
        text(out, "status", metadata.status());
        if (metadata.ttlMs() != null) {
            out.writeNumberField("ttl_ms", metadata.ttlMs());
        }
        if (metadata.auth() != null) {
            out.writeObjectFieldStart("auth");
            text(out, "issuer", metadata.auth().issuer());
            text(out, "client_id", metadata.auth().clientId());
            out.writeEndObject();
        }
        if (metadata.signature() != null) {
            out.writeObjectFieldStart("signature");
            text(out, "alg", metadata.signature().alg());
            text(out, "key_id", metadata.signature().keyId());
            text(out, "value", metadata.signature().value());
            out.writeEndObject();
        }
        if (!metadata.headers().isEmpty()) {
            out.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : metadata.headers().entrySet()) {
                out.writeStringField(header.getKey(), header.getValue());
            }
            out.writeEndObject();
        }
        trees(out, metadata.extra());
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }

    private static void trees(JsonGenerator out, Map<String, JsonNode> fields) throws IOException {
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            out.writeFieldName(field.getKey());
            out.writeTree(field.getValue());
        }
    }
}
