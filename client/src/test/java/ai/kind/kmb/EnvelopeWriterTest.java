package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Written straight to a generator, an envelope is the very text its tree gives, whatever it carries. */
class EnvelopeWriterTest {

    static List<Envelope> envelopes() {
        Map<String, JsonNode> odd = new LinkedHashMap<>();
        odd.put("topic", TextNode.valueOf("shadow"));
        odd.put("x-later", TextNode.valueOf("kept"));
        Map<String, JsonNode> nullExtra = new LinkedHashMap<>();
        nullExtra.put("x-null", null);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("z", "last");
        headers.put("a", "caf\u00e9 \ud83d\ude00");
        Metadata full = new Metadata("t-1", "s-1", "p-1", "c-9", "_inbox.agent-7", "2", "ok", 30_000L,
                new Metadata.Auth("kmbd", null), new Metadata.Signature("ed25519", "k1", "c2ln"), headers,
                Map.of("x-meta", Json.object().put("n", 1)));
        Instant at = Instant.parse("2026-11-24T06:12:50.543123Z");
        return List.of(
                Envelope.event("a", null),
                Envelope.event("a.b", Json.object().put("n", 1).put("s", "\"quoted\"\n")),
                new Envelope("id-1", at, "orders.created", MessageType.COMMAND, TextNode.valueOf("x"), full,
                        Map.of("x-extra", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(1).add("two"))),
                new Envelope(null, at, "a", MessageType.REPLY, NullNode.getInstance(),
                        Metadata.EMPTY.withAuth(new Metadata.Auth(null, null)), nullExtra),
                new Envelope("id-2", null, "a", MessageType.EVENT, Json.object(),
                        new Metadata(null, null, null, null, null, null, null, null, null, null, Map.of(),
                                Map.of("trace_id", TextNode.valueOf("clash"))), Map.of()),
                new Envelope("id-3", at, "a", MessageType.EVENT, Json.object(), Metadata.EMPTY, odd));
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void theWrittenTextIsTheTreesText(Envelope envelope) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.mapper().createGenerator(text)) {
            EnvelopeCodec.write(envelope, out);
        }

        assertThat(text.toString()).isEqualTo(Json.mapper().writeValueAsString(EnvelopeCodec.toJson(envelope)));
    }
}
