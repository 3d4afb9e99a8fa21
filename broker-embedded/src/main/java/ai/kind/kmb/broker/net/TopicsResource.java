package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.stats.TopicStatistics;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /v1/topics}: topics that had messages since the broker started, with counts and rates. */
final class TopicsResource {
    private final TopicStatistics statistics;

    TopicsResource(TopicStatistics statistics) {
        this.statistics = statistics;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/topics", request -> list());
    }

    private RestResponse list() {
        ObjectNode body = Json.object();
        ArrayNode topics = body.putArray("topics");
        statistics.snapshot().forEach(topic -> topics.add(JsonViews.topic(topic)));
        body.put("published", statistics.published());
        // Non-zero only when more topics appeared than are tracked; says the list is not complete.
        body.put("untracked", statistics.untracked());
        return RestResponse.ok(body);
    }
}
