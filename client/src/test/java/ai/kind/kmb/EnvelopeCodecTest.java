package ai.kind.kmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeCodecTest {
    private static final String FULL = """
            { "id": "7b0c6f7e-1d2a-4c55-9d8e-2f0f1c9a1b11", "timestamp": "2025-06-20T15:42:00.250Z",
              "topic": "agent.health.heartbeat", "type": "command",
              "payload": { "cpu": 0.42, "tags": ["a", "b"], "nested": { "ok": true } },
              "metadata": { "trace_id": "t1", "span_id": "s1", "parent_id": "p1", "correlation_id": "c1",
                "reply_to": "_inbox.agent-7", "schema_version": "v1", "status": "ACK", "ttl_ms": 30000,
                "auth": { "issuer": "kOS", "client_id": "kind-client" },
                "signature": { "alg": "Ed25519", "key_id": "k1", "value": "c2lnbmF0dXJl" },
                "headers": { "k": "v", "x-retry": "2" },
                "baggage": { "tenant": "acme" }, "priority": 7 },
              "source": "agent-7", "x_future": [1, 2, { "deep": null }] }
            """;

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void fullEnvelopeRoundTripsWithUnknownFieldsKept() throws Exception {
        Envelope envelope = EnvelopeCodec.fromJson(FULL);

        // Text, not trees: Jackson's trees tell 30000 read as an int from 30000 written as a long.
        String compact = Json.mapper().writeValueAsString(tree(FULL));
        assertThat(EnvelopeCodec.toJsonString(envelope)).as("same fields, same order").isEqualTo(compact);
        assertThat(new String(EnvelopeCodec.toJsonBytes(envelope), StandardCharsets.UTF_8)).isEqualTo(compact);
        assertThat(EnvelopeCodec.fromJson(EnvelopeCodec.toJsonBytes(envelope))).isEqualTo(envelope);
    }

    @Test
    void fullEnvelopeIsReadIntoTypedFields() {
        Envelope envelope = EnvelopeCodec.fromJson(FULL.getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.id()).isEqualTo("7b0c6f7e-1d2a-4c55-9d8e-2f0f1c9a1b11");
        assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2025-06-20T15:42:00.250Z"));
        assertThat(envelope.topic()).isEqualTo("agent.health.heartbeat");
        assertThat(envelope.type()).isEqualTo(MessageType.COMMAND);
        assertThat(envelope.payload().get("cpu").asDouble()).isEqualTo(0.42);
        Metadata metadata = envelope.metadata();
        assertThat(metadata.traceId()).isEqualTo("t1");
        assertThat(metadata.replyTo()).isEqualTo("_inbox.agent-7");
        assertThat(metadata.ttlMs()).isEqualTo(30_000L);
        assertThat(metadata.auth()).isEqualTo(new Metadata.Auth("kOS", "kind-client"));
        assertThat(metadata.signature()).isEqualTo(new Metadata.Signature("Ed25519", "k1", "c2lnbmF0dXJl"));
        assertThat(metadata.headers()).isEqualTo(Map.of("k", "v", "x-retry", "2"));
        assertThat(metadata.extra()).containsOnlyKeys("baggage", "priority");
        assertThat(envelope.extra()).containsOnlyKeys("source", "x_future");
    }

    @Test
    void minimalEnvelopeIsAnEventWithNothingStamped() throws Exception {
        Envelope envelope = EnvelopeCodec.fromJson("{\"topic\":\"a.b\"}");

        assertThat(envelope.type()).isEqualTo(MessageType.EVENT);
        assertThat(envelope.id()).isNull();
        assertThat(envelope.timestamp()).isNull();
        assertThat(envelope.payload().isNull()).isTrue();
        assertThat(envelope.metadata()).isEqualTo(Metadata.EMPTY);
        assertThat(EnvelopeCodec.toJson(envelope))
                .as("no empty metadata object is invented").isEqualTo(tree("""
                        {"topic":"a.b","type":"event","payload":null}"""));
    }

    @Test
    void timestampWithAnOffsetIsKeptAsTheSameInstantInUtc() {
        Envelope envelope = EnvelopeCodec.fromJson("{\"topic\":\"a\",\"timestamp\":\"2025-06-20T17:42:00+02:00\"}");

        assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2025-06-20T15:42:00Z"));
        assertThat(EnvelopeCodec.toJson(envelope).get("timestamp").asText()).isEqualTo("2025-06-20T15:42:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no topic              | {"type":"event"}                                | topic             | is missing
            null topic            | {"topic":null}                                  | topic             | is missing
            topic not a string    | {"topic":42}                                    | topic             | must be a string, got a number
            invalid topic         | {"topic":"a..b"}                                | topic             | segment 2 is empty
            wildcard topic        | {"topic":"a.*"}                                 | topic             | is the wildcard '*'
            metadata not object   | {"topic":"a","metadata":"x"}                    | metadata          | must be a JSON object, got a string
            metadata an array     | {"topic":"a","metadata":[]}                     | metadata          | must be a JSON object, got an array
            unknown type          | {"topic":"a","type":"gossip"}                   | type              | 'gossip' is not one of event, command, query, transactional, reply
            type not a string     | {"topic":"a","type":1}                          | type              | must be a string, got a number
            id not a string       | {"topic":"a","id":123}                          | id                | must be a string, got a number
            id an object          | {"topic":"a","id":{}}                           | id                | must be a string, got an object
            bad timestamp         | {"topic":"a","timestamp":"yesterday"}           | timestamp         | 'yesterday' is not an RFC 3339 date-time
            timestamp no offset   | {"topic":"a","timestamp":"2025-06-20T15:42:00"} | timestamp         | is not an RFC 3339 date-time
            timestamp a number    | {"topic":"a","timestamp":1750434120}            | timestamp         | must be a string, got a number
            negative ttl_ms       | {"topic":"a","metadata":{"ttl_ms":-1}}          | metadata.ttl_ms   | must be a non-negative whole number of milliseconds, got -1
            fractional ttl_ms     | {"topic":"a","metadata":{"ttl_ms":1.5}}         | metadata.ttl_ms   | must be a non-negative whole number
            ttl_ms a string       | {"topic":"a","metadata":{"ttl_ms":"30"}}        | metadata.ttl_ms   | must be a non-negative whole number
            trace_id a number     | {"topic":"a","metadata":{"trace_id":5}}         | metadata.trace_id | must be a string, got a number
            auth not object       | {"topic":"a","metadata":{"auth":"kOS"}}         | metadata.auth     | must be a JSON object, got a string
            header not a string   | {"topic":"a","metadata":{"headers":{"k":1}}}    | metadata.headers.k | must be a string, got a number
            header null           | {"topic":"a","metadata":{"headers":{"k":null}}} | metadata.headers.k | must be a string, got null
            not JSON              | {"topic":                                       | message           | is not valid JSON
            trailing garbage      | {"topic":"a"} x                                 | message           | is not valid JSON
            array not object      | [{"topic":"a"}]                                 | message           | must be a JSON object, got an array
            a bare string         | "a.b"                                           | message           | must be a JSON object, got a string
            empty input           | ``                                              | message           | must be a JSON object, got nothing
            """)
    void refusalNamesTheFieldAndWhy(String caseName, String json, String field, String reason) {
        KmbException refused = catchThrowableOfType(KmbException.class, () -> EnvelopeCodec.fromJson(json));

        assertThat(refused).as(caseName).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.details()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo(field);
            assertThat(detail.reason()).contains(reason);
        });
        assertThat(refused.getMessage()).contains(field).contains(reason);
        KmbException fromBytes = catchThrowableOfType(KmbException.class,
                () -> EnvelopeCodec.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(fromBytes).as("bytes are read as strictly as text").isNotNull();
        assertThat(fromBytes.details()).isEqualTo(refused.details());
    }
}
