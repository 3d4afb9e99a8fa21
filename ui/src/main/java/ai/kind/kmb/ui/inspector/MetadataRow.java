package ai.kind.kmb.ui.inspector;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.ui.feed.DisplayMessage;
import java.util.ArrayList;
import java.util.List;

/** One line of the inspector's metadata table: a field name and its value as text. */
public record MetadataRow(String key, String value) {

    /** Every field the message has, envelope first, then metadata in the envelope's order; absent ones are left out. */
    public static List<MetadataRow> of(DisplayMessage message) {
        Envelope envelope = message.envelope();
        Metadata metadata = envelope.metadata();
        List<MetadataRow> rows = new ArrayList<>();
        add(rows, "id", envelope.id());
        add(rows, "topic", envelope.topic());
        add(rows, "type", envelope.type().wireName());
        add(rows, "timestamp", envelope.timestamp() == null ? null : envelope.timestamp().toString());
        add(rows, "received", message.receivedAt().toString());
        add(rows, "offset", message.offset() < 0 ? "not stored (ephemeral)" : Long.toString(message.offset()));
        add(rows, "trace_id", metadata.traceId());
        add(rows, "span_id", metadata.spanId());
        add(rows, "parent_id", metadata.parentId());
        add(rows, "correlation_id", metadata.correlationId());
        add(rows, "reply_to", metadata.replyTo());
        add(rows, "status", metadata.status());
        add(rows, "schema_version", metadata.schemaVersion());
        add(rows, "ttl_ms", metadata.ttlMs() == null ? null : metadata.ttlMs().toString());
        if (metadata.auth() != null) {
            add(rows, "auth.issuer", metadata.auth().issuer());
            add(rows, "auth.client_id", metadata.auth().clientId());
        }
        if (metadata.signature() != null) {
            add(rows, "signature.alg", metadata.signature().alg());
            add(rows, "signature.key_id", metadata.signature().keyId());
        }
        metadata.headers().forEach((key, value) -> add(rows, "headers." + key, value));
        metadata.extra().forEach((key, value) -> add(rows, key, value.toString()));
        envelope.extra().forEach((key, value) -> add(rows, key, value.toString()));
        return rows;
    }

    private static void add(List<MetadataRow> rows, String key, String value) {
        if (value != null) {
            rows.add(new MetadataRow(key, value));
        }
    }
}
