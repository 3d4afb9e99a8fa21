package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Json;
import ai.kind.kmb.durable.DurableJson;
import ai.kind.kmb.durable.NodeActivity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one node of a shared bus reports to the others of the durables it serves: for each, its
 * activity there (members listed up to a bound), as of {@code reportedAt} by that node's clock. On
 * the shared server beside the node's responder listing, with the same heartbeat, as JSON:
 * {@code {"reported_at": "<RFC 3339>", "durables": {"<name>": <activity, as here in GET /v1/durables>}}}.
 */
public record DurablesReport(String node, Instant reportedAt, Map<String, NodeActivity> durables) {
    private static final Logger LOG = LoggerFactory.getLogger(DurablesReport.class);

    public DurablesReport {
        durables = Map.copyOf(durables);
    }

    String json() {
        ObjectNode root = Json.object().put("reported_at", reportedAt == null ? null : reportedAt.toString());
        ObjectNode byName = root.putObject("durables");
        new TreeMap<>(durables).forEach((name, activity) -> byName.set(name, DurableJson.activity(activity)));
        return root.toString();
    }

    /** Empty for a report this node cannot read (a later version's, say): that node then goes unshown. */
    static Optional<DurablesReport> fromJson(String node, String json) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            JsonNode at = root.path("reported_at");
            Map<String, NodeActivity> durables = new TreeMap<>();
            root.path("durables").properties().forEach(entry -> durables.put(entry.getKey(),
                    DurableJson.activity(entry.getValue())));
            return Optional.of(new DurablesReport(node, at.isTextual() ? Instant.parse(at.asText()) : null, durables));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("node {} reported durables this node cannot read: {}", node, e.getMessage());
            return Optional.empty();
        }
    }
}
