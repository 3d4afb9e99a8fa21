package ai.kind.kmb.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Delivery;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.SubscribeOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplaysRestTest {
    private final TestServer server = new TestServer();
    private final Http http = new Http(server.server.url());
    private final BlockingQueue<Delivery> replayed = new LinkedBlockingQueue<>();

    @BeforeEach
    void storeHistory() {
        for (int i = 0; i < 20; i++) {
            server.broker.publish(Envelope.event("agents.planner", Json.object().put("n", i)), PublishOptions.DURABLE)
                    .join();
        }
        server.broker.subscribe(SubscribeOptions.ephemeral("replay.#"), replayed::add);
    }

    @AfterEach
    void close() {
        server.close();
    }

    private JsonNode awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode replay = http.get("/v1/replays/" + id).json();
        while (!replay.get("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            replay = http.get("/v1/replays/" + id).json();
        }
        assertThat(replay.get("state").asText()).isEqualTo(state);
        return replay;
    }

    @Test
    void aStoredRangeReplaysUnderAPrefixAndReportsItsProgress() throws Exception {
        Http.Answer started = http.post("/v1/replays", "{\"filter\":\"agents.#\",\"target\":\"replay\",\"speed\":\"max\"}");

        assertThat(started.status()).isEqualTo(201);
        String id = started.json().get("id").asText();
        JsonNode done = awaitState(id, "done");
        assertThat(done.get("published").asLong()).isEqualTo(20);
        assertThat(done.get("target").asText()).isEqualTo("replay");
        assertThat(done.get("issues")).isEmpty();
        for (int i = 0; i < 20; i++) {
            Delivery delivery = replayed.poll(10, TimeUnit.SECONDS);
            assertThat(delivery).isNotNull();
            assertThat(delivery.message().topic()).isEqualTo("replay.agents.planner");
            assertThat(delivery.message().payload().get("n").asInt()).isEqualTo(i);
        }
        assertThat(http.get("/v1/replays").json().get("replays")).extracting(node -> node.get("id").asText())
                .contains(id);
    }

    @Test
    void aPausedReplayStepsOneMessageAtATimeAndCanBeCancelledAndForgotten() throws Exception {
        String id = http.post("/v1/replays", "{\"target\":\"replay\",\"speed\":\"max\",\"paused\":true}")
                .json().get("id").asText();
        awaitState(id, "paused");

        JsonNode stepped = http.post("/v1/replays/" + id + "/step", "").json();

        assertThat(stepped.get("published").asLong()).isEqualTo(1);
        assertThat(replayed.poll(10, TimeUnit.SECONDS).message().payload().get("n").asInt()).isZero();
        assertThat(http.post("/v1/replays/" + id + "/cancel", "").json().get("state").asText()).isEqualTo("cancelled");
        assertThat(http.delete("/v1/replays/" + id).status()).isEqualTo(204);
        assertThat(http.get("/v1/replays/" + id).status()).isEqualTo(404);
    }

    @Test
    void badReplayRequestsNameTheField() {
        assertThat(http.post("/v1/replays", "{\"sped\":\"max\"}").json().at("/details/0/field").asText())
                .isEqualTo("sped");
        assertThat(http.post("/v1/replays", "{\"speed\":\"warp\"}").json().at("/details/0/field").asText())
                .isEqualTo("speed");
        assertThat(http.post("/v1/replays", "{\"from\":\"monday\"}").json().at("/details/0/field").asText())
                .isEqualTo("from");
        assertThat(http.post("/v1/replays", "{\"filter\":\"a..b\"}").json().at("/details/0/field").asText())
                .isEqualTo("filter");
        assertThat(http.post("/v1/replays", "{\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}")
                .status()).isEqualTo(400);
        assertThat(http.post("/v1/replays", "[]").status()).isEqualTo(400);
        assertThat(http.get("/v1/replays/nope").status()).isEqualTo(404);
    }

    @Test
    void aControlThatMakesNoSenseInTheStateIsABadRequest() throws Exception {
        String id = http.post("/v1/replays", "{\"target\":\"replay\",\"speed\":\"max\"}").json().get("id").asText();
        awaitState(id, "done");

        assertThat(http.post("/v1/replays/" + id + "/pause", "").status()).isEqualTo(400);
        assertThat(http.post("/v1/replays/" + id + "/rewind", "").status()).isEqualTo(404);
    }
}
