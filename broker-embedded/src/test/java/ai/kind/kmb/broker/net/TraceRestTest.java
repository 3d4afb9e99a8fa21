package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** W3C traceparent at the REST edge, and the trace tree of {@code GET /v1/traces/{trace_id}}. */
class TraceRestTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final TestServer server = new TestServer();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private HttpResponse<String> post(String body, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.server.url() + "/v1/messages?durable=true"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private StoredMessage last() {
        return server.broker.store().query(HistoryQuery.all(100)).getLast();
    }

    @Test
    void aPublishContinuesTheCallersTraceparentAndAnswersWithItsOwnSpan() throws Exception {
        HttpResponse<String> answer = post("{\"topic\":\"orders.created\"}", "00-" + CALLER_TRACE + "-" + CALLER_SPAN
                + "-01");

        var stored = last().envelope().metadata();
        assertThat(stored.traceId()).isEqualTo(CALLER_TRACE);
        assertThat(stored.parentId()).isEqualTo(CALLER_SPAN);
        assertThat(stored.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);
        assertThat(answer.headers().firstValue("traceparent"))
                .hasValue("00-" + CALLER_TRACE + "-" + stored.spanId() + "-01");
    }

    @Test
    void aPublishWithoutTraceStartsOneAndAMetadataHeaderTraceparentIsContinued() throws Exception {
        HttpResponse<String> fresh = post("{\"topic\":\"orders.created\"}", "garbage");
        String started = last().envelope().metadata().traceId();
        post("{\"topic\":\"orders.paid\",\"metadata\":{\"headers\":{\"traceparent\":\"00-" + CALLER_TRACE + "-"
                + CALLER_SPAN + "-00\"}}}", null);

        assertThat(started).matches("[0-9a-f]{32}");
        assertThat(fresh.headers().firstValue("traceparent").orElseThrow()).startsWith("00-" + started + "-");
        assertThat(last().envelope().metadata().parentId()).isEqualTo(CALLER_SPAN);
    }

    @Test
    void aTraceQueryReturnsSpansWithTheirParentsDepthFirst() throws Exception {
        String t = "0af7651916cd43dd8448eb211c80319c";
        post("{\"topic\":\"a\",\"metadata\":{\"trace_id\":\"" + t + "\",\"span_id\":\"s1\"}}", null);
        post("{\"topic\":\"c\",\"metadata\":{\"trace_id\":\"" + t + "\",\"span_id\":\"s3\",\"parent_id\":\"s2\"}}", null);
        post("{\"topic\":\"b\",\"metadata\":{\"trace_id\":\"" + t + "\",\"span_id\":\"s2\",\"parent_id\":\"s1\"}}", null);

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                URI.create(server.server.url() + "/v1/traces/" + t)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(answer.body());

        assertThat(body.get("messages")).extracting(node -> node.at("/msg/topic").asText()).containsExactly("a", "c", "b");
        assertThat(body.get("spans")).extracting(node -> node.get("span_id").asText() + "<" + node.path("parent_id")
                .asText("-") + "@" + node.get("depth").asInt()).containsExactly("s1<-@0", "s2<s1@1", "s3<s2@2");
    }
}
