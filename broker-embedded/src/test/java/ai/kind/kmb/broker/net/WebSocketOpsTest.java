package ai.kind.kmb.broker.net;

import static ai.kind.kmb.broker.net.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketOpsTest {
    private final TestServer server = new TestServer();

    @AfterEach
    void close() {
        server.close();
    }

    private static ObjectNode pub(long req, String topic, int n) {
        ObjectNode frame = frame("pub", req);
        frame.putObject("msg").put("topic", topic).putObject("payload").put("n", n);
        return frame;
    }

    private static ObjectNode sub(long req, String sid, String filter) {
        return frame("sub", req).put("sid", sid).put("filter", filter);
    }

    @Test
    void helloIsWelcomedWithTheClientIdAndProtocolVersion() {
        try (WsClient client = server.client()) {
            JsonNode welcome = client.call(frame("hello", 0).put("client_id", "agent-7"));

            assertThat(welcome.get("op").asText()).isEqualTo("welcome");
            assertThat(welcome.get("client_id").asText()).isEqualTo("agent-7");
            assertThat(welcome.get("protocol").asInt()).isEqualTo(1);
            assertThat(welcome.get("server").asText()).isEqualTo("kmbd-test");
        }
    }

    @Test
    void helloAfterAnotherFrameIsRefused() {
        try (WsClient client = server.client()) {
            client.call(frame("ping", 1));
            JsonNode error = client.call(frame("hello", 2));

            assertThat(error.get("code").asText()).isEqualTo("bad_request");
            assertThat(error.get("message").asText()).contains("first frame");
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (WsClient client = server.client()) {
            assertThat(client.call(frame("ping", 6))).isEqualTo(Json.object().put("op", "pong").put("req", 6));
        }
    }

    @Test
    void subscriberReceivesWhatAnotherClientPublishes() {
        try (WsClient subscriber = server.client(); WsClient publisher = server.client()) {
            JsonNode subok = subscriber.call(sub(1, "s1", "kmb.agent.#"));
            assertThat(subok).isEqualTo(Json.object().put("op", "subok").put("req", 1).put("sid", "s1"));

            JsonNode puback = publisher.call(pub(7, "kmb.agent.health", 42));
            assertThat(puback.get("op").asText()).isEqualTo("puback");
            assertThat(puback.get("id").asText()).isNotBlank();
            assertThat(puback.get("offset").asLong()).isEqualTo(-1);

            JsonNode msg = subscriber.nextMsg();
            assertThat(msg.get("sid").asText()).isEqualTo("s1");
            assertThat(msg.get("delivery").asInt()).isEqualTo(1);
            assertThat(msg.at("/msg/id").asText()).isEqualTo(puback.get("id").asText());
            assertThat(msg.at("/msg/timestamp").asText()).isNotBlank();
            assertThat(msg.at("/msg/payload/n").asInt()).isEqualTo(42);
        }
    }

    @Test
    void durablePublishIsAcknowledgedWithItsOffset() {
        try (WsClient client = server.client()) {
            JsonNode first = client.call(pub(1, "orders.created", 1).put("durable", true));
            JsonNode second = client.call(pub(2, "orders.created", 2).put("durable", true));

            assertThat(first.get("offset").asLong()).isPositive();
            assertThat(second.get("offset").asLong()).isGreaterThan(first.get("offset").asLong());
            assertThat(server.broker.store().lastOffset()).isEqualTo(second.get("offset").asLong());
        }
    }

    @Test
    void publishingTheSameIdTwiceIsAcknowledgedAsDuplicate() {
        try (WsClient client = server.client()) {
            ObjectNode once = pub(1, "orders.created", 1).put("durable", true);
            ((ObjectNode) once.get("msg")).put("id", "order-1");
            ObjectNode again = once.deepCopy().put("req", 2);

            JsonNode first = client.call(once);
            JsonNode second = client.call(again);

            assertThat(first.get("duplicate").asBoolean()).isFalse();
            assertThat(second.get("duplicate").asBoolean()).isTrue();
            assertThat(second.get("offset")).isEqualTo(first.get("offset"));
        }
    }

    @Test
    void durableManualSubscriptionRedeliversANackAndForgetsAnAck() {
        try (WsClient client = server.client()) {
            client.call(sub(1, "d1", "jobs.#").put("durable", "workers").put("ack", "manual")
                    .put("from", "earliest"));
            ObjectNode job = pub(2, "jobs.build", 1).put("durable", true);
            ((ObjectNode) job.get("msg")).put("id", "job-1");
            client.call(job);

            JsonNode first = client.nextMsg();
            assertThat(first.get("delivery").asInt()).isEqualTo(1);
            assertThat(first.get("offset").asLong()).isPositive();
            JsonNode ok = client.call(frame("nack", 3).put("sid", "d1").put("id", "job-1").put("requeue", true));
            assertThat(ok).isEqualTo(Json.object().put("op", "ok").put("req", 3));

            JsonNode again = client.nextMsg();
            assertThat(again.get("delivery").asInt()).isEqualTo(2);
            assertThat(client.call(frame("ack", 4).put("sid", "d1").put("id", "job-1")).get("op").asText())
                    .isEqualTo("ok");
            assertThat(client.quietFor(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void unsubscribeStopsDeliveriesAndAnUnknownSidIsNotFound() {
        try (WsClient client = server.client()) {
            client.call(sub(1, "s1", "t"));
            assertThat(client.call(frame("unsub", 2).put("sid", "s1")).get("op").asText()).isEqualTo("ok");

            client.call(pub(3, "t", 1));
            assertThat(client.quietFor(Duration.ofMillis(200))).isEmpty();
            JsonNode error = client.call(frame("unsub", 4).put("sid", "s1"));
            assertThat(error.get("code").asText()).isEqualTo("not_found");
            assertThat(error.at("/details/0/field").asText()).isEqualTo("sid");
        }
    }

    @Test
    void aSidCannotBeUsedTwiceOnOneConnection() {
        try (WsClient client = server.client()) {
            client.call(sub(1, "s1", "a"));
            JsonNode error = client.call(sub(2, "s1", "b"));

            assertThat(error.get("code").asText()).isEqualTo("bad_request");
            assertThat(error.at("/details/0/field").asText()).isEqualTo("sid");
        }
    }

    @Test
    void badSubscribeOptionsAreRefusedNamingTheField() {
        try (WsClient client = server.client()) {
            assertThat(client.call(sub(1, "s1", "a..b")).at("/details/0/field").asText()).isEqualTo("filter");
            assertThat(client.call(sub(2, "s2", "a").put("ack", "sometimes")).at("/details/0/field").asText())
                    .isEqualTo("ack");
            assertThat(client.call(sub(3, "s3", "a").put("from", "yesterday")).at("/details/0/field").asText())
                    .isEqualTo("from");
            assertThat(client.call(sub(4, "s4", "a").put("max_inflight", 0)).at("/details/0/field").asText())
                    .isEqualTo("max_inflight");
            assertThat(client.call(sub(5, "s5", "a").put("max_inflight", 1_000_000)).at("/details/0/field").asText())
                    .isEqualTo("max_inflight");
        }
    }

    @Test
    void aCommandWithNobodyListeningIsAnsweredNoResponders() {
        try (WsClient client = server.client()) {
            ObjectNode command = pub(1, "agent.do", 1);
            ((ObjectNode) command.get("msg")).put("type", "command");

            JsonNode error = client.call(command);

            assertThat(error.get("code").asText()).isEqualTo("no_responders");
        }
    }

    @Test
    void disconnectingClosesTheConnectionsSubscriptions() throws Exception {
        WsClient client = server.client();
        client.call(sub(1, "s1", "a"));
        client.call(sub(2, "s2", "b"));
        assertThat(server.server.metrics().subscriptionsOpen.get()).isEqualTo(2);

        client.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.server.metrics().subscriptionsOpen.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.server.metrics().subscriptionsOpen.get()).isZero();
    }
}
