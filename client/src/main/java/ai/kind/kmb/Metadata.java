package ai.kind.kmb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope's metadata. Known fields are typed; any other field a client sent is kept in
 * {@code extra} and written back unchanged, so newer clients can extend the format without older
 * brokers dropping what they added.
 */
public record Metadata(
        String traceId,
        String spanId,
        String parentId,
        String correlationId,
        String replyTo,
        String schemaVersion,
        String status,
        Long ttlMs,
        Auth auth,
        Signature signature,
        Map<String, String> headers,
        Map<String, JsonNode> extra) {

    public static final Metadata EMPTY = new Metadata(null, null, null, null, null, null, null, null, null, null,
            Map.of(), Map.of());

    public Metadata {
        // In the sender's order, as Envelope keeps its own unknown fields.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Who sent the message, as the broker verified it. Clients cannot set this themselves. */
    public record Auth(String issuer, String clientId) {
    }

    /** An Ed25519 signature over the canonical JSON of id, timestamp, topic, type and payload. */
    public record Signature(String alg, String keyId, String value) {
    }

    public Metadata withTrace(String newTraceId, String newSpanId, String newParentId) {
        return new Metadata(newTraceId, newSpanId, newParentId, correlationId, replyTo, schemaVersion, status, ttlMs,
                auth, signature, headers, extra);
    }

    public Metadata withCorrelation(String newCorrelationId, String newReplyTo) {
        return new Metadata(traceId, spanId, parentId, newCorrelationId, newReplyTo, schemaVersion, status, ttlMs,
                auth, signature, headers, extra);
    }

    public Metadata withStatus(String newStatus) {
        return new Metadata(traceId, spanId, parentId, correlationId, replyTo, schemaVersion, newStatus, ttlMs,
                auth, signature, headers, extra);
    }

    public Metadata withAuth(Auth newAuth) {
        return new Metadata(traceId, spanId, parentId, correlationId, replyTo, schemaVersion, status, ttlMs,
                newAuth, signature, headers, extra);
    }

    public Metadata withSignature(Signature newSignature) {
        return new Metadata(traceId, spanId, parentId, correlationId, replyTo, schemaVersion, status, ttlMs,
                auth, newSignature, headers, extra);
    }

    public Metadata withHeaders(Map<String, String> newHeaders) {
        return new Metadata(traceId, spanId, parentId, correlationId, replyTo, schemaVersion, status, ttlMs,
                auth, signature, newHeaders, extra);
    }
}
