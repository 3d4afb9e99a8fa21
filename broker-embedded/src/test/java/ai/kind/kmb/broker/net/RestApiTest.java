package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.MessageType;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestApiTest {
    private final TestServer server = new TestServer();
    private final Http http = new Http(server.server.url());

    @AfterEach
    void close() {
        server.close();
    }

    private long publishDurably(String topic, int n) {
        Http.Answer answer = http.post("/v1/messages?durable=true",
                "{\"topic\":\"" + topic + "\",\"payload\":{\"n\":" + n + "}}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("offset").asLong();
    }

    @Test
    void postingAMessagePublishesItAndAnswersIdAndOffset() {
        Http.Answer answer = http.post("/v1/messages?durable=true", "{\"topic\":\"orders.created\",\"payload\":{}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().get("id").asText()).isNotBlank();
        assertThat(answer.json().get("offset").asLong()).isEqualTo(server.broker.store().lastOffset()).isPositive();
    }

    @Test
    void postingWithoutDurableIsEphemeral() {
        Http.Answer answer = http.post("/v1/messages", "{\"topic\":\"t\",\"payload\":1}");

        assertThat(answer.json().get("offset").asLong()).isEqualTo(-1);
        assertThat(server.broker.store().lastOffset()).isZero();
    }

    @Test
    void anInvalidEnvelopeIsABadRequestNamingTheField() {
        Http.Answer answer = http.post("/v1/messages", "{\"topic\":\"bad..topic\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("bad_request");
        assertThat(answer.json().at("/details/0/field").asText()).isEqualTo("topic");
        assertThat(http.post("/v1/messages", "not json").json().at("/details/0/field").asText()).isEqualTo("message");
        assertThat(http.post("/v1/messages?durable=maybe", "{\"topic\":\"t\"}").json().at("/details/0/field")
                .asText()).isEqualTo("durable");
    }

    @Test
    void historyIsPagedInOffsetOrderAndFilteredByTopic() {
        for (int i = 0; i < 5; i++) {
            publishDurably(i % 2 == 0 ? "a.even" : "a.odd", i);
        }

        JsonNode first = http.get("/v1/messages?filter=a.even&limit=2").json();
        assertThat(first.get("messages")).extracting(node -> node.at("/msg/payload/n").asInt()).containsExactly(0, 2);
        long after = first.get("next_after").asLong();
        JsonNode second = http.get("/v1/messages?filter=a.even&limit=2&after=" + after).json();

        assertThat(second.get("messages")).extracting(node -> node.at("/msg/payload/n").asInt()).containsExactly(4);
        assertThat(second.get("next_after").isNull()).isTrue();
        assertThat(second.at("/messages/0/received_at").asText()).isNotBlank();
        assertThat(second.at("/messages/0/offset").asLong()).isPositive();
    }

    @Test
    void historyRefusesBadParametersNamingThem() {
        assertThat(http.get("/v1/messages?limit=0").json().at("/details/0/field").asText()).isEqualTo("limit");
        assertThat(http.get("/v1/messages?from=yesterday").json().at("/details/0/field").asText()).isEqualTo("from");
        assertThat(http.get("/v1/messages?filter=a..b").json().at("/details/0/field").asText()).isEqualTo("filter");
        assertThat(http.get("/v1/messages?after=-1").status()).isEqualTo(400);
    }

    @Test
    void historyFiltersByTraceIdAndTheTraceRouteListsOneTrace() {
        Envelope traced = Envelope.of("agent.intent", MessageType.EVENT, Json.object(),
                Metadata.EMPTY.withTrace("trace-9", null, null));
        server.broker.publish(traced, PublishOptions.DURABLE).join();
        publishDurably("agent.intent", 1);

        JsonNode byQuery = http.get("/v1/messages?trace_id=trace-9").json();
        JsonNode byRoute = http.get("/v1/traces/trace-9").json();

        assertThat(byQuery.get("messages")).hasSize(1);
        assertThat(byRoute.get("trace_id").asText()).isEqualTo("trace-9");
        assertThat(byRoute.get("messages")).hasSize(1);
        assertThat(byRoute.at("/messages/0/msg/metadata/trace_id").asText()).isEqualTo("trace-9");
        assertThat(http.get("/v1/traces/unknown").status()).isEqualTo(404);
    }

    @Test
    void topicsListCountsAndRates() {
        publishDurably("a.b", 1);
        publishDurably("a.b", 2);
        http.post("/v1/messages", "{\"topic\":\"c\"}");

        JsonNode body = http.get("/v1/topics").json();

        assertThat(body.get("topics")).extracting(node -> node.get("topic").asText()).containsExactly("a.b", "c");
        assertThat(body.at("/topics/0/count").asLong()).isEqualTo(2);
        assertThat(body.at("/topics/0/rate_1m").asDouble()).isPositive();
        assertThat(body.at("/topics/0/last_published").asText()).isNotBlank();
        assertThat(body.get("published").asLong()).isEqualTo(3);
    }

    @Test
    void deadLettersCanBeListedInspectedRequeuedAndDeleted() throws Exception {
        server.broker.subscribe(SubscribeOptions.durable("rejector", "jobs.#").withAckMode(AckMode.MANUAL)
                .withFrom(ai.kind.kmb.StartPosition.EARLIEST), delivery -> delivery.nack(false));
        publishDurably("jobs.a", 1);
        publishDurably("jobs.b", 2);
        JsonNode letters = awaitDeadLetters(2);

        String id = letters.at("/dead_letters/0/id").asText();
        JsonNode one = http.get("/v1/dlq/" + id).json();
        assertThat(one.at("/death/reason").asText()).isEqualTo("rejected");
        assertThat(one.at("/death/subscriber").asText()).isEqualTo("rejector");
        assertThat(http.get("/v1/dlq?reason=expired").json().get("dead_letters")).isEmpty();
        assertThat(http.get("/v1/dlq?reason=nonsense").status()).isEqualTo(400);

        String other = letters.at("/dead_letters/1/id").asText();
        // Requeued to a topic the rejecting subscriber does not match, so it does not die again.
        Http.Answer requeued = http.post("/v1/dlq/" + other + "/requeue?topic=retried.jobs", "");
        assertThat(requeued.status()).isEqualTo(200);
        assertThat(requeued.json().get("offset").asLong()).isPositive();
        assertThat(http.get("/v1/dlq/" + other).status()).isEqualTo(404);
        assertThat(server.broker.store().query(ai.kind.kmb.history.HistoryQuery.all(100)))
                .extracting(stored -> stored.envelope().topic()).contains("retried.jobs");

        assertThat(http.delete("/v1/dlq/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1/dlq/" + id).json().get("code").asText()).isEqualTo("not_found");
        assertThat(http.delete("/v1/dlq/" + id).status()).isEqualTo(404);
    }

    private JsonNode awaitDeadLetters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode body = http.get("/v1/dlq").json();
            if (body.get("dead_letters").size() >= count || System.nanoTime() > deadline) {
                assertThat(body.get("dead_letters")).hasSize(count);
                return body;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void healthzSaysOkAndMetricsArePrometheusText() {
        publishDurably("m", 1);

        assertThat(http.get("/healthz").json()).isEqualTo(Json.object().put("status", "ok"));
        Http.Answer metrics = http.get("/metrics");
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("# TYPE kmb_published_total counter", "kmb_published_total 1",
                "kmb_store_messages 1", "kmb_connections ", "kmb_dropped_total 0");
    }

    @Test
    void unknownRoutesAreNotFoundAndWrongMethodsSayWhichAreAllowed() {
        Http.Answer missing = http.get("/v1/nothing");
        Http.Answer wrongMethod = http.delete("/v1/messages");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("not_found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("message").asText()).contains("GET, POST");
    }

    @Test
    void aBodyOverTheLimitIsTooLargeAndTheServerCarriesOn() {
        String payload = "x".repeat(ServerLimits.DEFAULT_MAX_MESSAGE_BYTES + 1);
        Http.Answer answer = http.post("/v1/messages", "{\"topic\":\"t\",\"payload\":\"" + payload + "\"}");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("code").asText()).isEqualTo("too_large");
        assertThat(http.get("/healthz").status()).isEqualTo(200);
    }
}
