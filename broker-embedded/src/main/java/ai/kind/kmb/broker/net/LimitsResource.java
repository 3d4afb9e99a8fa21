package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.ratelimit.RateLimits;
import ai.kind.kmb.limits.RateLimitStats;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /v1/limits}: each configured rate limit with what it decided since start. */
final class LimitsResource {
    private final RateLimits limits;

    LimitsResource(RateLimits limits) {
        this.limits = limits;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/limits", request -> RestResponse.ok(body()));
    }

    private ObjectNode body() {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("limits");
        for (RateLimitStats stats : limits.stats()) {
            list.addObject().put("scope", stats.scope()).put("filter", stats.filter()).put("rate", stats.rate())
                    .put("burst", stats.burst()).put("mode", stats.mode()).put("allowed", stats.allowed())
                    .put("throttled", stats.throttled()).put("rejected", stats.rejected());
        }
        return body;
    }
}
