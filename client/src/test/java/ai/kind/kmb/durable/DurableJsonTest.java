package ai.kind.kmb.durable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A durable's JSON reads back as it was written, with the fields of the other kind of progress null. */
class DurableJsonTest {

    @Test
    void aDurableOnOneNodeHasAnAckFloorAndNoClaims() {
        DurableInfo durable = new DurableInfo("billing", "invoices.#", null, new DurableProgress.OneNode(41, 38, 3), 9,
                new NodeActivity(1, 2, 1));

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.get("ack_floor").asLong()).isEqualTo(38);
        assertThat(json.get("claimed_by_node").isNull()).isTrue();
        assertThat(json.get("group").isNull()).isTrue();
        assertThat(json.get("unsettled").asLong()).isEqualTo(3);
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }

    @Test
    void aDurableOnASharedBusHasClaimsByNodeAndNoAckFloor() {
        DurableInfo durable = new DurableInfo("tally", "tasks.#", "pool",
                new DurableProgress.SharedGroup(12, Map.of("node-b", 1L, "node-a", 2L)), 0, NodeActivity.NONE);

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.get("ack_floor").isNull()).isTrue();
        assertThat(json.get("claimed_by_node").toString()).isEqualTo("{\"node-a\":2,\"node-b\":1}");
        assertThat(json.get("unsettled").asLong()).isEqualTo(3);
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }
}
