package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Garbage, oversize and abuse: answered with the right code, the socket kept, bystanders untouched. */
class HostileInputTest {
    private final TestServer server = new TestServer();

    @AfterEach
    void close() {
        server.close();
    }

    private static void assertStillServes(WsClient client) {
        assertThat(client.call(frame("ping", 999)).get("op").asText()).isEqualTo("pong");
    }

    @Test
    void malformedJsonIsABadRequestWithoutReqAndTheSocketStaysOpen() {
        try (WsClient client = server.client()) {
            client.send("{\"op\":\"ping\",");
            JsonNode error = client.next();

            assertThat(error.get("op").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("bad_request");
            assertThat(error.has("req")).isFalse();
            assertThat(error.at("/details/0/field").asText()).isEqualTo("frame");
            assertStillServes(client);
        }
    }

    @Test
    void anUnknownOpIsRefusedEchoingReq() {
        try (WsClient client = server.client()) {
            JsonNode error = client.call(frame("explode", 5));

            assertThat(error.get("code").asText()).isEqualTo("bad_request");
            assertThat(error.at("/details/0/field").asText()).isEqualTo("op");
            assertStillServes(client);
        }
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        try (WsClient client = server.client()) {
            assertThat(client.call(frame("sub", 1).put("filter", "a")).at("/details/0/field").asText())
                    .isEqualTo("sid");
            assertThat(client.call(frame("pub", 2)).at("/details/0/field").asText()).isEqualTo("msg");
            assertThat(client.call(frame("ack", 3).put("sid", "s")).at("/details/0/field").asText()).isEqualTo("id");
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().at("/details/0/field").asText()).isEqualTo("req");
            client.send("[1,2,3]");
            assertThat(client.next().get("code").asText()).isEqualTo("bad_request");
            assertStillServes(client);
        }
    }

    @Test
    void aBinaryFrameIsRefused() {
        try (WsClient client = server.client()) {
            client.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));

            assertThat(client.next().get("message").asText()).contains("binary");
            assertStillServes(client);
        }
    }

    @Test
    void aTwoMegabyteFrameIsTooLargeAndTheSocketStaysOpen() {
        try (WsClient client = server.client()) {
            ObjectNode pub = frame("pub", 77);
            pub.putObject("msg").put("topic", "big").put("payload", "x".repeat(2 * 1024 * 1024));

            JsonNode error = client.call(pub);

            assertThat(error.get("code").asText()).isEqualTo("too_large");
            assertThat(error.get("message").asText()).contains("1048576");
            assertStillServes(client);
        }
    }

    @Test
    void aFramePastTheHardCapClosesWith1009() {
        try (WsClient client = server.client(); WsClient bystander = server.client()) {
            client.send("\"" + "x".repeat(ServerLimits.DEFAULT_MAX_FRAME_BYTES + 10) + "\"");

            assertThat(client.closeCode()).isEqualTo(1009);
            assertStillServes(bystander);
        }
    }

    @Test
    void aClientThatOnlySendsGarbageIsClosedWith1008() {
        try (WsClient client = server.client()) {
            for (int i = 0; i < ServerLimits.DEFAULT_MAX_BAD_FRAMES; i++) {
                client.send("garbage " + i);
            }

            assertThat(client.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void aGoodFrameBetweenBadOnesKeepsTheConnection() {
        try (WsClient client = server.client()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < ServerLimits.DEFAULT_MAX_BAD_FRAMES - 1; i++) {
                    client.send("garbage");
                }
                assertStillServes(client);
            }
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void fiveThousandSubscriptionsHitTheLimitWithAClearError() {
        try (WsClient greedy = server.client(); WsClient bystander = server.client()) {
            bystander.call(frame("sub", 1).put("sid", "b").put("filter", "news"));
            for (int i = 0; i < 5000; i++) {
                greedy.send(frame("sub", i).put("sid", "s" + i).put("filter", "t" + i));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                answers.add(greedy.next());
            }

            assertThat(answers.stream().filter(a -> a.get("op").asText().equals("subok")))
                    .hasSize(ServerLimits.DEFAULT_MAX_SUBSCRIPTIONS);
            JsonNode refusal = answers.get(ServerLimits.DEFAULT_MAX_SUBSCRIPTIONS);
            assertThat(refusal.get("code").asText()).isEqualTo("rate_limited");
            assertThat(refusal.get("message").asText()).contains("max_subscriptions");
            assertThat(greedy.isClosed()).isFalse();
            server.broker.publish(ai.kind.kmb.Envelope.event("news", Json.object())).join();
            assertThat(bystander.nextMsg().at("/msg/topic").asText()).isEqualTo("news");
        }
    }
}
