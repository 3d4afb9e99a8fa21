package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client's side: what it sends and how it reads answers and errors. The real routes are tested with the server. */
class RestClientTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private RestClient client;

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        client = RestClient.of(RemoteBusOptions.defaults(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .withToken("jwt"));
    }

    @Test
    void historySendsOnlyTheParametersSetAndReadsThePage() throws Exception {
        serve(200, "{\"messages\":[{\"offset\":4,\"received_at\":\"2025-06-20T15:42:00Z\","
                + "\"msg\":{\"id\":\"m4\",\"topic\":\"a.b\",\"type\":\"event\",\"payload\":1}}],\"next_after\":4}");

        HistoryPage page = client.history(HistoryRequest.ALL.withFilter("a.#").withLimit(1));

        assertThat(requests).containsExactly("GET /v1/messages?filter=a.%23&limit=1 auth=Bearer jwt");
        assertThat(page.messages()).singleElement().satisfies(entry -> {
            assertThat(entry.offset()).isEqualTo(4);
            assertThat(entry.receivedAt()).hasToString("2025-06-20T15:42:00Z");
            assertThat(entry.envelope().id()).isEqualTo("m4");
        });
        assertThat(page.hasMore()).isTrue();
        assertThat(HistoryRequest.ALL.next(page).after()).isEqualTo(4);
    }

    @Test
    void anErrorBodyBecomesAKmbExceptionWithItsCodeMessageAndDetails() throws Exception {
        serve(404, "{\"code\":\"not_found\",\"message\":\"no dead letter with id 'x y'\","
                + "\"details\":[{\"field\":\"id\",\"reason\":\"unknown\"}]}");

        assertThatThrownBy(() -> client.deadLetter("x y")).isInstanceOfSatisfying(KmbException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("no dead letter with id 'x y'");
            assertThat(e.details()).containsExactly(new ErrorDetail("id", "unknown"));
        });
        assertThat(requests).singleElement().asString().startsWith("GET /v1/dlq/x%20y ");
    }

    @Test
    void anErrorWithoutABodyGetsTheCodeOfItsHttpStatus() throws Exception {
        serve(429, "");

        assertThatThrownBy(() -> client.topics()).isInstanceOfSatisfying(KmbException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.getMessage()).isEqualTo("topics failed with HTTP 429");
        });
    }

    @Test
    void aDrainingServerIsAHealthAnswerNotAnError() throws Exception {
        serve(503, "{\"status\":\"shutting_down\"}");

        assertThat(client.health()).isEqualTo("shutting_down");
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() throws Exception {
        serve(200, "{}");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (RestClient nowhere = RestClient.of(RemoteBusOptions.defaults(URI.create("http://127.0.0.1:" + port))
                .withConnectTimeout(Duration.ofSeconds(2)))) {
            assertThatThrownBy(nowhere::health).isInstanceOfSatisfying(KmbException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.getMessage()).startsWith("health check failed: cannot reach http://127.0.0.1:" + port);
            });
        }
    }
}
