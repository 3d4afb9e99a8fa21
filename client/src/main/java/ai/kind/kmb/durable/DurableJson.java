package ai.kind.kmb.durable;

import ai.kind.kmb.AckMode;
import ai.kind.kmb.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A durable's JSON (docs/protocol.md, {@code GET /v1/durables}), written by the server and kmbctl
 * and read by the SDK. Flat, so that one jq filter reads either kind of progress: {@code shared}
 * says which, {@code ack_floor} is null on a shared bus and {@code claimed_by_node} null on one node.
 * Durations are whole milliseconds ({@code _ms}, as in a {@code sub} frame), times RFC 3339. A
 * node's activity has one shape wherever it appears: {@code here}, each of {@code nodes}, and what
 * a node of a shared bus reports to the others.
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
        node.set("here", activity(durable.here()));
        ArrayNode nodes = node.putArray("nodes");
        for (NodeReport report : durable.nodes()) {
            ObjectNode entry = activity(report.activity()).put("members_left_out", report.activity().membersLeftOut());
            time(entry, "reported_at", report.reportedAt());
            nodes.add(entry);
        }
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
        List<NodeReport> nodes = new ArrayList<>();
        node.path("nodes").forEach(entry -> nodes.add(new NodeReport(activity(entry), time(entry.path("reported_at")))));
        return new DurableInfo(node.path("name").asText(), node.path("filter").asText(), node.path("group").asText(null),
                progress, node.path("lag").asLong(), activity(node.path("here")), nodes);
    }

    /** A node's activity for a durable: {@code here}'s shape. */
    public static ObjectNode activity(NodeActivity here) {
        ObjectNode node = Json.object().put("node", here.node()).put("members", here.members())
                .put("in_flight", here.inFlight()).put("waiting", here.waiting());
        DurableSettings settings = here.settings();
        if (settings == null) {
            node.putNull("settings");
        } else {
            ObjectNode set = node.putObject("settings").put("ack_wait_ms", settings.ackWait().toMillis())
                    .put("max_deliver", settings.maxDeliver());
            ArrayNode backoff = set.putArray("backoff_ms");
            settings.backoff().forEach(delay -> backoff.add(delay.toMillis()));
            set.put("max_inflight", settings.maxInflight());
        }
        ArrayNode subscribers = node.putArray("subscribers");
        for (DurableSubscriber member : here.subscribers()) {
            ObjectNode entry = subscribers.addObject().put("client_id", member.clientId())
                    .put("connection", member.connection()).put("address", member.address())
                    .put("ack", member.ack().wireName()).put("in_flight", member.inFlight());
            time(entry, "since", member.since());
        }
        time(node, "last_delivered", here.lastDelivered());
        time(node, "last_acked", here.lastAcked());
        return node;
    }

    /** The activity {@link #activity(NodeActivity)} wrote; {@code members} counts those not listed too. */
    public static NodeActivity activity(JsonNode node) {
        JsonNode set = node.path("settings");
        DurableSettings settings = null;
        if (set.isObject()) {
            List<Duration> backoff = new ArrayList<>();
            set.path("backoff_ms").forEach(delay -> backoff.add(Duration.ofMillis(delay.asLong())));
            settings = new DurableSettings(Duration.ofMillis(set.path("ack_wait_ms").asLong()),
                    set.path("max_deliver").asInt(), backoff, set.path("max_inflight").asInt());
        }
        List<DurableSubscriber> subscribers = new ArrayList<>();
        node.path("subscribers").forEach(member -> subscribers.add(new DurableSubscriber(
                member.path("client_id").asText(null), member.path("connection").asText(null),
                member.path("address").asText(null), AckMode.fromWireName(member.path("ack").asText()),
                member.path("in_flight").asInt(), time(member.path("since")))));
        return new NodeActivity(node.path("node").asText(null), node.path("members").asInt(subscribers.size()),
                subscribers, node.path("in_flight").asInt(), node.path("waiting").asInt(), settings,
                time(node.path("last_delivered")), time(node.path("last_acked")));
    }

    private static void time(ObjectNode node, String field, Instant time) {
        node.put(field, time == null ? null : time.toString());
    }

    private static Instant time(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
