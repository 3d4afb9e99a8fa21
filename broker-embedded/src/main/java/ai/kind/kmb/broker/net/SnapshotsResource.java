package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotAdmin;
import ai.kind.kmb.snapshot.SnapshotInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Agents' snapshots: save, the latest, one, an agent's list, every agent's latest ({@code /v1/snapshots}). */
final class SnapshotsResource {
    private final SnapshotAdmin snapshots;

    SnapshotsResource(SnapshotAdmin snapshots) {
        this.snapshots = snapshots;
    }

    void register(HttpRouter router) {
        // "latest" before "{id}": the router takes the first route that matches.
        router.add("GET", "/v1/snapshots", request -> RestResponse.ok(list("agents", snapshots.agents())))
                .add("POST", "/v1/snapshots/{agent}", this::save)
                .add("GET", "/v1/snapshots/{agent}", request -> RestResponse.ok(list("snapshots",
                        snapshots.history(request.pathParam("agent")))))
                .add("GET", "/v1/snapshots/{agent}/latest", this::latest)
                .add("GET", "/v1/snapshots/{agent}/{id}", request -> RestResponse.ok(snapshot(
                        snapshots.get(request.pathParam("agent"), request.pathParam("id")))));
    }

    /** Body {@code {"offset": N, "filters": [...], "state": any JSON}}; answers the snapshot's info. */
    private RestResponse save(RestRequest request) {
        JsonNode body = body(request);
        JsonNode offset = body.get("offset");
        if (offset != null && !offset.canConvertToLong()) {
            throw RestRequest.bad("offset", "must be a whole number, got " + offset);
        }
        JsonNode filters = body.path("filters");
        if (!filters.isMissingNode() && !filters.isArray()) {
            throw RestRequest.bad("filters", "must be an array of topic filters");
        }
        List<String> named = new ArrayList<>();
        filters.forEach(filter -> named.add(filter.asText()));
        if (!body.has("state")) {
            throw RestRequest.bad("state", "is required: the agent's state as any JSON value");
        }
        SnapshotInfo saved = snapshots.save(request.pathParam("agent"), offset == null ? 0 : offset.asLong(), named,
                body.get("state"));
        return RestResponse.ok(info(saved));
    }

    private RestResponse latest(RestRequest request) {
        String agent = request.pathParam("agent");
        return RestResponse.ok(snapshot(snapshots.latest(agent).orElseThrow(() -> new KmbException(ErrorCode.NOT_FOUND,
                "agent '" + agent + "' has no snapshot"))));
    }

    private static JsonNode body(RestRequest request) {
        try {
            JsonNode body = request.body() == null || request.body().length == 0 ? null
                    : Json.mapper().readTree(request.body());
            if (body == null || !body.isObject()) {
                throw RestRequest.bad("body", "must be a JSON object with offset, filters and state");
            }
            return body;
        } catch (IOException e) {
            throw RestRequest.bad("body", "is not valid JSON: " + e.getMessage());
        }
    }

    private static ObjectNode list(String field, List<SnapshotInfo> infos) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(field);
        infos.forEach(each -> array.add(info(each)));
        return body;
    }

    private static ObjectNode info(SnapshotInfo info) {
        ObjectNode node = Json.object().put("id", info.id()).put("agent", info.agent()).put("offset", info.offset());
        info.filters().forEach(node.putArray("filters")::add);
        node.put("taken_at", info.takenAt().toString());
        node.put("bytes", info.bytes());
        return node;
    }

    private static ObjectNode snapshot(Snapshot snapshot) {
        ObjectNode node = info(snapshot.info());
        node.set("state", snapshot.state());
        return node;
    }
}
