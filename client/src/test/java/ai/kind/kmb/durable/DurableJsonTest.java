package ai.kind.kmb.durable;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.AckMode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A durable's JSON reads back as it was written, with the fields of the other kind of progress null. */
class DurableJsonTest {

    private static final Instant SINCE = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aDurableOnOneNodeHasAnAckFloorAndNoClaims() {
        DurableInfo durable = new DurableInfo("billing", "invoices.#", null, new DurableProgress.OneNode(41, 38, 3), 9,
                new NodeActivity(null, List.of(new DurableSubscriber("agent-7", "conn-3", "127.0.0.1:53422",
                        AckMode.MANUAL, 2, SINCE)), 2, 1, new DurableSettings(Duration.ofSeconds(30), 5,
                        List.of(Duration.ofSeconds(1), Duration.ofMillis(2500)), 100), SINCE.plusSeconds(4),
                        SINCE.plusMillis(3500)));

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.get("ack_floor").asLong()).isEqualTo(38);
        assertThat(json.get("here").toString()).isEqualTo("{\"node\":null,\"members\":1,\"in_flight\":2,\"waiting\":1,"
                + "\"settings\":{\"ack_wait_ms\":30000,\"max_deliver\":5,\"backoff_ms\":[1000,2500],\"max_inflight\":100},"
                + "\"subscribers\":[{\"client_id\":\"agent-7\",\"connection\":\"conn-3\",\"address\":\"127.0.0.1:53422\","
                + "\"ack\":\"manual\",\"in_flight\":2,\"since\":\"2026-01-01T10:00:00Z\"}],"
                + "\"last_delivered\":\"2026-01-01T10:00:04Z\",\"last_acked\":\"2026-01-01T10:00:03.500Z\"}");
        assertThat(json.get("claimed_by_node").isNull()).isTrue();
        assertThat(json.get("group").isNull()).isTrue();
        assertThat(json.get("unsettled").asLong()).isEqualTo(3);
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }

    @Test
    void aDurableOnASharedBusHasClaimsByNodeAndNoAckFloor() {
        DurableInfo durable = new DurableInfo("tally", "tasks.#", "pool",
                new DurableProgress.SharedGroup(12, Map.of("node-b", 1L, "node-a", 2L)), 0, NodeActivity.idle("node-a"));

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.get("ack_floor").isNull()).isTrue();
        assertThat(json.get("claimed_by_node").toString()).isEqualTo("{\"node-a\":2,\"node-b\":1}");
        assertThat(json.get("unsettled").asLong()).isEqualTo(3);
        assertThat(json.get("here").toString()).as("a node that does not serve the durable: nothing but its name")
                .isEqualTo("{\"node\":\"node-a\",\"members\":0,\"in_flight\":0,\"waiting\":0,\"settings\":null,"
                        + "\"subscribers\":[],\"last_delivered\":null,\"last_acked\":null}");
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }

    @Test
    void aSubscriberInTheBrokersOwnProcessHasNoClientOrConnection() {
        DurableSubscriber inProcess = new DurableSubscriber(null, null, null, AckMode.AUTO, 0, SINCE);
        DurableInfo durable = new DurableInfo("audit", "#", "auditors", new DurableProgress.OneNode(5, 5, 0), 0,
                new NodeActivity(null, List.of(inProcess), 0, 0, new DurableSettings(Duration.ofSeconds(30), 5,
                        List.of(), 1000), null, null));

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.at("/here/subscribers/0/client_id").isNull()).isTrue();
        assertThat(json.at("/here/subscribers/0/connection").isNull()).isTrue();
        assertThat(json.at("/here/last_delivered").isNull()).isTrue();
        assertThat(DurableJson.fromJson(json).here().subscribers().getFirst().inProcess()).isTrue();
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }
}
