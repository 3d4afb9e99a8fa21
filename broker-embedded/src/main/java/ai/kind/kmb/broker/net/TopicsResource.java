package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.broker.stats.TopicStatistics;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/topics}: topics that had messages since the broker started, with counts and rates;
 * only those the caller may subscribe to, since a topic's name can itself say too much.
 */
final class TopicsResource {
    private final TopicStatistics statistics;

    TopicsResource(TopicStatistics statistics) {
        this.statistics = statistics;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/topics", this::list);
    }

    private RestResponse list(RestRequest request) {
        ObjectNode body = Json.object();
        ArrayNode topics = body.putArray("topics");
        statistics.snapshot().stream()
                .filter(topic -> ServerSecurity.mayReceive(request.caller(), topic.topic()))
                .forEach(topic -> topics.add(JsonViews.topic(topic)));
        body.put("published", statistics.published());
        // Non-zero only when more topics appeared than are tracked; says the list is not complete.
        body.put("untracked", statistics.untracked());
        return RestResponse.ok(body);
    }
}
