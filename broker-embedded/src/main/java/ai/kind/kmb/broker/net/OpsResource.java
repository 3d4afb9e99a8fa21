package ai.kind.kmb.broker.net;

import ai.kind.kmb.Json;

/** {@code GET /healthz} for load balancers and {@code GET /metrics} for Prometheus. */
final class OpsResource {
    private final MetricsText metrics;
    private final ShutdownState shutdown;

    OpsResource(MetricsText metrics, ShutdownState shutdown) {
        this.metrics = metrics;
        this.shutdown = shutdown;
    }

    void register(HttpRouter router) {
        router.add("GET", "/healthz", request -> shutdown.isShuttingDown()
                        // 503 takes a draining node out of a load balancer's rotation.
                        ? RestResponse.json(503, Json.object().put("status", "shutting_down"))
                        : RestResponse.ok(Json.object().put("status", "ok")))
                .add("GET", "/metrics", request -> RestResponse.text(200, MetricsText.CONTENT_TYPE, metrics.render()));
    }
}
