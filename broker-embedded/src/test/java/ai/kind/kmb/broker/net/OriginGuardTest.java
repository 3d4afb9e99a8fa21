package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A web page from another origin must not reach the local bus through the developer's browser. */
class OriginGuardTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final KmbServer server = KmbServer.start(broker,
            ServerOptions.loopback(0).withAllowedOrigins(Set.of("http://localhost:3000")), "kmbd-origin");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
        broker.close();
    }

    private HttpResponse<String> postFrom(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/messages"))
                .header("Origin", origin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"t\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestFromAForeignWebOriginIsForbidden() throws Exception {
        HttpResponse<String> answer = postFrom("http://evil.example");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("\"code\":\"forbidden\"").contains("kmb.allowed_origins");
        assertThat(broker.topics().published()).isZero();
    }

    @Test
    void anAllowedOriginAndClientsWithoutOriginArePassed() throws Exception {
        assertThat(postFrom("http://localhost:3000").statusCode()).isEqualTo(200);
        assertThat(new Http(server.url()).post("/v1/messages", "{\"topic\":\"t\"}").status()).isEqualTo(200);
    }

    @Test
    void aWebSocketHandshakeFromAForeignOriginIsRefused() {
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(URI.create(server.webSocketUrl()), new java.net.http.WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class);
        assertThat(server.metrics().sessionsOpen.get()).isZero();
    }
}
