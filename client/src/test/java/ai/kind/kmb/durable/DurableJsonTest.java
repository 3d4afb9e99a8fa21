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
                        SINCE.plusMillis(3500)), List.of());

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
                new DurableProgress.SharedGroup(12, Map.of("node-b", 1L, "node-a", 2L)), 0, NodeActivity.idle("node-a"),
                List.of());

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
                        List.of(), 1000), null, null), List.of());

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.at("/here/subscribers/0/client_id").isNull()).isTrue();
        assertThat(json.at("/here/subscribers/0/connection").isNull()).isTrue();
        assertThat(json.at("/here/last_delivered").isNull()).isTrue();
        assertThat(DurableJson.fromJson(json).here().subscribers().getFirst().inProcess()).isTrue();
        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }

    @Test
    void eachNodeServingTheDurableIsListedWithWhenItReportedAndHowManyMembersWereLeftOut() {
        DurableSettings settings = new DurableSettings(Duration.ofSeconds(30), 5, List.of(), 10);
        NodeActivity onA = new NodeActivity("node-a", List.of(member("agent-1"), member("agent-2"), member("agent-3")),
                2, 0, settings, SINCE.plusSeconds(1), null);
        NodeActivity onB = new NodeActivity("node-b", List.of(member("agent-4")), 0, 1, settings, null, null);
        DurableInfo durable = new DurableInfo("tally", "tasks.#", "pool",
                new DurableProgress.SharedGroup(12, Map.of("node-a", 2L, "node-b", 1L)), 0, onA,
                List.of(new NodeReport(onA.listingAtMost(2), SINCE.plusSeconds(9)),
                        new NodeReport(onB, SINCE.plusSeconds(7))));

        ObjectNode json = DurableJson.toJson(durable);

        assertThat(json.at("/nodes/0/node").asText()).isEqualTo("node-a");
        assertThat(json.at("/nodes/0/members").asInt()).as("the members it has, listed or not").isEqualTo(3);
        assertThat(json.at("/nodes/0/subscribers").size()).isEqualTo(2);
        assertThat(json.at("/nodes/0/members_left_out").asInt()).isEqualTo(1);
        assertThat(json.at("/nodes/0/reported_at").asText()).isEqualTo("2026-01-01T10:00:09Z");
        assertThat(json.at("/nodes/1/members_left_out").asInt()).isZero();
        assertThat(json.at("/here/subscribers").size()).as("here lists every member").isEqualTo(3);
        assertThat(json.get("here").has("members_left_out")).as("here keeps its shape").isFalse();
        DurableInfo read = DurableJson.fromJson(json);
        assertThat(read).isEqualTo(durable);
        assertThat(read.nodes().getFirst().activity().membersLeftOut()).isEqualTo(1);
        assertThat(read.membersOnAllNodes()).isEqualTo(4);
    }

    @Test
    void anAnswerWithoutNodesFromAnEarlierServerReadsAsNoNodes() {
        DurableInfo durable = new DurableInfo("audit", "#", null, new DurableProgress.OneNode(5, 5, 0), 0,
                NodeActivity.NONE, List.of());
        ObjectNode json = DurableJson.toJson(durable);
        json.remove("nodes");

        assertThat(DurableJson.fromJson(json)).isEqualTo(durable);
    }

    @Test
    void aListingBoundedBelowItsMembersKeepsTheirCount() {
        NodeActivity three = new NodeActivity("node-a", List.of(member("a"), member("b"), member("c")), 0, 0, null,
                null, null);

        assertThat(three.listingAtMost(1)).extracting(NodeActivity::members, NodeActivity::membersLeftOut)
                .containsExactly(3, 2);
        assertThat(three.listingAtMost(5)).isSameAs(three);
    }

    private static DurableSubscriber member(String client) {
        return new DurableSubscriber(client, "conn-" + client, "127.0.0.1:5000", AckMode.MANUAL, 1, SINCE);
    }
}
