package ai.kind.kmb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.Metadata;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import ai.kind.kmb.broker.security.TestTokens;
import ai.kind.kmb.replay.ReplayHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays over REST with auth on, as a QA engineer or an agent meets them: no admin needed to
 * replay what the token may read and write, a refusal that names what is missing, and a replay
 * nobody else can see.
 */
class ReplayAccessTest {
    private static final int STORED = 5;
    private static final Metadata.Auth PLANNER = new Metadata.Auth(null, "planner-agent");

    private final SecuredServer server = new SecuredServer();
    private final HttpClient http = HttpClient.newHttpClient();
    /** May read agent traffic and its replays, and publish replays under {@code replay}. */
    private final String qa = token("qa-1", List.of("replay.#"), List.of(), List.of("agent.#", "replay.#"), List.of());

    @BeforeEach
    void storeAgentTraffic() {
        for (int i = 0; i < STORED; i++) {
            server.broker.publish(Envelope.event("agent.planner", IntNode.valueOf(i)).withMetadata(Metadata.EMPTY
                    .withAuth(PLANNER)), PublishOptions.DURABLE).join();
        }
        server.broker.publish(Envelope.event("billing.charge", IntNode.valueOf(99)), PublishOptions.DURABLE).join();
    }

    @AfterEach
    void close() {
        server.close();
    }

    private static String token(String client, List<String> pubAllow, List<String> pubDeny, List<String> subAllow,
                                List<String> subDeny) {
        return TestTokens.hs256(TestTokens.claims(client,
                TestTokens.permissions(pubAllow, pubDeny, subAllow, subDeny, false)).build());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.url().resolve(URI.create(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private String startReplay(String token, String body) throws Exception {
        HttpResponse<String> started = send("POST", "/v1/replays", token, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return json(started).get("id").asText();
    }

    private JsonNode awaitDone(String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode replay = json(send("GET", "/v1/replays/" + id, token, null));
        while (!replay.path("state").asText().equals("done") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            replay = json(send("GET", "/v1/replays/" + id, token, null));
        }
        assertThat(replay.path("state").asText()).as(replay.toString()).isEqualTo("done");
        return replay;
    }

    private JsonNode refusal(String token, String body) throws Exception {
        HttpResponse<String> refused = send("POST", "/v1/replays", token, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        JsonNode error = json(refused);
        assertThat(error.get("code").asText()).isEqualTo("forbidden");
        return error;
    }

    @Test
    void aClientWithSubscribeAndPublishRightsReplaysWithoutAdminAndItsMessagesArrive() throws Exception {
        Received received = new Received();
        try (RemoteBus bus = server.connect(qa)) {
            bus.subscribe(SubscribeOptions.ephemeral("replay.#"), received);

            String id = startReplay(qa, "{\"filter\":\"agent.#\",\"target\":\"replay\",\"speed\":\"max\"}");

            List<Delivery> replayed = received.next(STORED);
            assertThat(replayed).extracting(delivery -> delivery.message().topic())
                    .containsOnly("replay.agent.planner");
            assertThat(replayed).extracting(delivery -> delivery.message().payload().asInt())
                    .containsExactly(0, 1, 2, 3, 4);
            assertThat(replayed.getFirst().message().metadata().headers()).containsEntry(ReplayHeaders.REPLAY_ID, id);
            assertThat(replayed).as("a replay names who put it on the bus, not the planner it copies")
                    .extracting(delivery -> delivery.message().metadata().auth().clientId()).containsOnly("qa-1");
            JsonNode done = awaitDone(id, qa);
            assertThat(done.get("published").asInt()).isEqualTo(STORED);
            assertThat(done.get("started_by").asText()).isEqualTo("qa-1");
            assertThat(json(send("GET", "/v1/replays", qa, null)).get("replays"))
                    .extracting(replay -> replay.get("id").asText()).containsExactly(id);
        }
    }

    @Test
    void aFilterWiderThanTheSubscribeRightsIsRefusedNamingIt() throws Exception {
        JsonNode everything = refusal(qa, "{\"filter\":\"#\",\"target\":\"replay\"}");
        JsonNode billing = refusal(qa, "{\"filter\":\"billing.#\",\"target\":\"replay\"}");
        String partlyDenied = token("qa-2", List.of("replay.#"), List.of(), List.of("agent.#"),
                List.of("agent.secrets.#"));
        JsonNode denied = refusal(partlyDenied, "{\"filter\":\"agent.#\",\"target\":\"replay\"}");

        assertThat(everything.get("message").asText())
                .isEqualTo("client 'qa-1' lacks the subscribe permission for all of '#', which the replay reads");
        assertThat(everything.at("/details/0/field").asText()).isEqualTo("subscribe");
        assertThat(billing.get("message").asText()).contains("subscribe permission for all of 'billing.#'");
        assertThat(denied.get("message").asText()).contains("qa-2", "subscribe permission for all of 'agent.#'");
        assertThat(refusal(qa, "{\"target\":\"replay\"}").get("message").asText())
                .contains("subscribe permission for every topic", "name the topics to replay in 'filter'");
    }

    @Test
    void aTargetOutsideThePublishRightsIsRefusedNamingIt() throws Exception {
        JsonNode inPlace = refusal(qa, "{\"filter\":\"agent.#\"}");
        JsonNode elsewhere = refusal(qa, "{\"filter\":\"agent.#\",\"target\":\"staging\"}");

        assertThat(inPlace.get("message").asText()).isEqualTo("client 'qa-1' lacks the publish permission for all of "
                + "'agent.#', where the replay publishes (to the original topics)");
        assertThat(inPlace.at("/details/0/field").asText()).isEqualTo("publish");
        assertThat(elsewhere.get("message").asText())
                .contains("publish permission for all of 'staging.agent.#'", "under the prefix 'staging'");
        assertThat(json(send("GET", "/v1/replays", TestTokens.everything("ops"), null)).get("replays")).isEmpty();
    }

    @Test
    void aPrefixThatMakesTheFilterTooLongIsABadRequestNamingTheTarget() throws Exception {
        String deep = "replay" + ".r".repeat(14);
        String longPrefix = token("qa-3", List.of("replay.#"), List.of(), List.of("agent.#"), List.of());

        HttpResponse<String> refused = send("POST", "/v1/replays", longPrefix,
                "{\"filter\":\"agent.#\",\"target\":\"" + deep + "\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/details/0/field").asText()).isEqualTo("target");
        assertThat(json(refused).get("message").asText()).isEqualTo("target: the prefix '" + deep
                + "' before the filter 'agent.#' makes a filter that has 17 segments; at most 16 are allowed");
    }

    @Test
    void anotherClientCannotSeeOrControlTheReplayButAnAdminCan() throws Exception {
        String id = startReplay(qa, "{\"filter\":\"agent.#\",\"target\":\"replay\",\"speed\":\"max\",\"paused\":true}");
        String other = token("qa-2", List.of("replay.#"), List.of(), List.of("agent.#", "replay.#"), List.of());
        String admin = TestTokens.everything("ops");

        HttpResponse<String> status = send("GET", "/v1/replays/" + id, other, null);

        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(json(status).get("code").asText()).isEqualTo("not_found");
        assertThat(json(status).get("message").asText()).isEqualTo("no replay with id '" + id + "'");
        assertThat(json(send("GET", "/v1/replays", other, null)).get("replays")).isEmpty();
        assertThat(send("POST", "/v1/replays/" + id + "/resume", other, "").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/replays/" + id, other, null).statusCode()).isEqualTo(404);
        assertThat(json(send("GET", "/v1/replays/" + id, qa, null)).get("state").asText()).isEqualTo("paused");
        assertThat(json(send("GET", "/v1/replays", admin, null)).get("replays"))
                .extracting(replay -> replay.get("id").asText()).containsExactly(id);
        assertThat(send("DELETE", "/v1/replays/" + id, admin, null).statusCode()).isEqualTo(204);
    }
}
