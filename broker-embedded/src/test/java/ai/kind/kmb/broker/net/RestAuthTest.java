package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.security.AuthSettings;
import ai.kind.kmb.broker.security.SecurityAdvisories;
import ai.kind.kmb.broker.security.TestTokens;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * REST with auth on: Bearer tokens, topic permissions on publish, history and durables, admin
 * routes, announcements. Replays have their own: {@code ReplayAccessTest}.
 */
class RestAuthTest {
    private final Broker broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
    private final KmbServer server = KmbServer.start(broker, ServerOptions.loopback(0)
            .withAuth(AuthSettings.hmac(TestTokens.SECRET)), "kmbd-rest-auth");
    private final HttpClient http = HttpClient.newHttpClient();
    private final String agent = TestTokens.hs256(TestTokens.claims("agent-7", TestTokens.permissions(
            List.of("agent.#"), List.of(), List.of("agent.#"), List.of(), false)).build());

    @AfterEach
    void stop() {
        server.close();
        broker.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return ai.kind.kmb.Json.mapper().readTree(response.body());
    }

    @Test
    void withoutATokenOnlyHealthAnswers() throws Exception {
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> topics = send("GET", "/v1/topics", null, null);

        assertThat(topics.statusCode()).isEqualTo(401);
        assertThat(json(topics).get("code").asText()).isEqualTo("unauthorized");
        assertThat(send("GET", "/v1/topics", "not-a-jwt", null).statusCode()).isEqualTo(401);
    }

    @Test
    void publishingOutsideThePermissionsIsForbiddenAndAnnounced() throws Exception {
        BlockingQueue<Envelope> announced = new LinkedBlockingQueue<>();
        broker.subscribe(SubscribeOptions.ephemeral(SecurityAdvisories.DENIED),
                delivery -> announced.add(delivery.message()));

        HttpResponse<String> denied = send("POST", "/v1/messages", agent,
                "{\"topic\":\"billing.charge\",\"type\":\"event\",\"payload\":1}");
        HttpResponse<String> allowed = send("POST", "/v1/messages", agent,
                "{\"topic\":\"agent.health\",\"type\":\"event\",\"payload\":1}");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("details").get(0).get("field").asText()).isEqualTo("publish");
        assertThat(allowed.statusCode()).isEqualTo(200);
        JsonNode advisory = announced.poll(5, TimeUnit.SECONDS).payload();
        assertThat(advisory.get("client_id").asText()).isEqualTo("agent-7");
        assertThat(advisory.get("target").asText()).isEqualTo("billing.charge");
        assertThat(advisory.toString()).doesNotContain(agent);
    }

    @Test
    void historyTracesAndTopicsShowOnlyWhatTheCallerMaySubscribeTo() throws Exception {
        broker.publish(Envelope.event("agent.health", TextNode.valueOf("a")), PublishOptions.DURABLE).join();
        broker.publish(Envelope.event("billing.charge", TextNode.valueOf("b")), PublishOptions.DURABLE).join();

        JsonNode history = json(send("GET", "/v1/messages", agent, null));
        JsonNode topics = json(send("GET", "/v1/topics", agent, null));

        List<String> historyTopics = new ArrayList<>();
        history.get("messages").forEach(m -> historyTopics.add(m.get("msg").get("topic").asText()));
        assertThat(historyTopics).containsExactly("agent.health");
        assertThat(topics.get("topics").toString()).contains("agent.health").doesNotContain("billing");
        assertThat(send("GET", "/v1/messages?filter=billing.%23", agent, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aBearerTokenOnTheWebSocketUpgradeAuthenticatesWithoutHello() {
        try (WsClient socket = WsClient.connectWithBearer(server.webSocketUrl(), agent)) {
            JsonNode answer = socket.call(WsClient.frame("ping", 1));

            assertThat(answer.get("op").asText()).isEqualTo("pong");
        }
        try (WsClient socket = WsClient.connect(server.webSocketUrl())) {
            JsonNode answer = socket.call(WsClient.frame("ping", 1));

            assertThat(answer.get("code").asText()).isEqualTo("unauthorized");
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void deadLettersNeedAdmin() throws Exception {
        assertThat(send("GET", "/v1/dlq", agent, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/dlq", TestTokens.everything("ops"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAgentReachesItsOwnSnapshotsAndAnAdminEveryones() throws Exception {
        String state = "{\"offset\":0,\"filters\":[\"agent.#\"],\"state\":{\"n\":1}}";

        assertThat(send("POST", "/v1/snapshots/agent-7", agent, state).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/snapshots/agent-7/latest", agent, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/snapshots/agent-8", agent, state).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/snapshots/agent-8", agent, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/snapshots", agent, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/snapshots/agent-7/latest", TestTokens.everything("ops"), null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/v1/snapshots", TestTokens.everything("ops"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAgentSeesTheDurablesItMaySubscribeToAndOnlyAnAdminDeletesOne() throws Exception {
        broker.subscribe(SubscribeOptions.durable("agent-work", "agent.#"), delivery -> { });
        broker.subscribe(SubscribeOptions.durable("billing-work", "billing.#"), delivery -> { });
        String admin = TestTokens.everything("ops");

        JsonNode seen = json(send("GET", "/v1/durables", agent, null));
        HttpResponse<String> others = send("GET", "/v1/durables/billing-work", agent, null);
        HttpResponse<String> refused = send("DELETE", "/v1/durables/agent-work", agent, null);

        assertThat(seen.get("durables")).extracting(durable -> durable.get("name").asText())
                .containsExactly("agent-work");
        assertThat(send("GET", "/v1/durables/agent-work", agent, null).statusCode()).isEqualTo(200);
        assertThat(others.statusCode()).isEqualTo(403);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asText()).isEqualTo("forbidden");
        assertThat(json(send("GET", "/v1/durables", admin, null)).get("durables")).hasSize(2);
        assertThat(send("DELETE", "/v1/durables/agent-work", admin, null).statusCode()).isEqualTo(204);
        assertThat(json(send("DELETE", "/v1/durables/agent-work", admin, null)).get("code").asText())
                .isEqualTo("not_found");
    }
}
