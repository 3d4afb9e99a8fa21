package ai.kind.kmb.signing;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes a message signature covers: the RFC 8785 canonical JSON of the envelope's id,
 * timestamp, topic, type and payload, as the envelope codec writes them (so a timestamp the broker
 * re-reads and re-writes stays the same text). Metadata is not covered: the broker stamps parts of it.
 */
public final class SignedContent {
    public static final List<String> FIELDS = List.of("id", "timestamp", "topic", "type", "payload");

    private SignedContent() {
    }

    public static byte[] of(Envelope message) {
        ObjectNode wire = EnvelopeCodec.toJson(message);
        ObjectNode covered = Json.object();
        for (String field : FIELDS) {
            if (wire.has(field)) {
                covered.set(field, wire.get(field));
            }
        }
        return CanonicalJson.of(covered).getBytes(StandardCharsets.UTF_8);
    }
}
