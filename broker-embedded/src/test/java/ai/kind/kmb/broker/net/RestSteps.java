package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The REST steps of docs/protocol-vectors: a request, the status and body pattern expected, and
 * values captured from the answer by JSON pointer for later paths ({@code {name}}).
 */
final class RestSteps implements AutoCloseable {
    private final TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> captured = new HashMap<>();

    RestSteps(TestServer server) {
        this.server = server;
    }

    void run(JsonNode step, String where) {
        JsonNode request = step.get("http");
        String path = request.get("path").asText();
        for (Map.Entry<String, String> value : captured.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        JsonNode body = request.get("body");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(request.get("method").asText(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(where + ": " + request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(where + ": interrupted");
        }
        JsonNode expected = step.get("expect_http");
        assertThat(response.statusCode()).as(where + ": status of " + request + " (body " + response.body() + ")")
                .isEqualTo(expected.get("status").asInt());
        JsonNode answer = response.body().isBlank() ? Json.object() : read(response.body());
        if (expected.has("body")) {
            String problem = FramePattern.mismatch(expected.get("body"), answer, "");
            assertThat(problem).as(where + ": body " + answer + " against " + expected.get("body")).isNull();
        }
        step.path("capture").properties().forEach(capture ->
                captured.put(capture.getKey(), answer.at(capture.getValue().asText()).asText()));
    }

    private static JsonNode read(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
