package ai.kind.kmb.durable;

import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A durable's JSON (docs/protocol.md, {@code GET /v1/durables}), written by the server and kmbctl
 * and read by the SDK. Flat, so that one jq filter reads either kind of progress: {@code shared}
 * says which, {@code ack_floor} is null on a shared bus and {@code claimed_by_node} null on one node.
 */
public final class DurableJson {
    private DurableJson() {
    }

    public static ObjectNode toJson(DurableInfo durable) {
        ObjectNode node = Json.object().put("name", durable.name()).put("filter", durable.filter())
                .put("group", durable.group()).put("position", durable.progress().position())
                .put("lag", durable.lag()).put("unsettled", durable.unsettled());
        switch (durable.progress()) {
            case DurableProgress.OneNode one -> node.put("shared", false).put("ack_floor", one.ackFloor())
                    .putNull("claimed_by_node");
            case DurableProgress.SharedGroup shared -> {
                node.put("shared", true).putNull("ack_floor");
                ObjectNode claims = node.putObject("claimed_by_node");
                shared.claimedByNode().forEach(claims::put);
            }
        }
        NodeActivity here = durable.here();
        node.putObject("here").put("members", here.members()).put("in_flight", here.inFlight())
                .put("waiting", here.waiting());
        return node;
    }

    public static DurableInfo fromJson(JsonNode node) {
        long position = node.path("position").asLong();
        DurableProgress progress;
        if (node.path("shared").asBoolean()) {
            Map<String, Long> claims = new LinkedHashMap<>();
            node.path("claimed_by_node").properties().forEach(claim -> claims.put(claim.getKey(), claim.getValue().asLong()));
            progress = new DurableProgress.SharedGroup(position, claims);
        } else {
            progress = new DurableProgress.OneNode(position, node.path("ack_floor").asLong(),
                    node.path("unsettled").asLong());
        }
        JsonNode here = node.path("here");
        return new DurableInfo(node.path("name").asText(), node.path("filter").asText(), node.path("group").asText(null),
                progress, node.path("lag").asLong(), new NodeActivity(here.path("members").asInt(),
                here.path("in_flight").asInt(), here.path("waiting").asInt()));
    }
}
