package ai.kind.kmb.broker.net;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.store.MessageLog;

/** Renders {@code GET /metrics} in the Prometheus text format, version 0.0.4. */
final class MetricsText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Broker broker;
    private final ServerMetrics metrics;
    private final Connections connections;

    MetricsText(Broker broker, ServerMetrics metrics, Connections connections) {
        this.broker = broker;
        this.metrics = metrics;
        this.connections = connections;
    }

    String render() {
        StringBuilder out = new StringBuilder(2048);
        long droppedOpen = connections.sessions().stream().mapToLong(ProtocolSession::dropped).sum();
        counter(out, "kmb_published_total", "Messages the bus took, on every topic.", broker.topics().published());
        counter(out, "kmb_delivered_total", "Deliveries written to network subscribers.", metrics.delivered.sum());
        counter(out, "kmb_dropped_total", "Messages network subscribers lost because they could not keep up.",
                droppedOpen + metrics.droppedByClosedSubscriptions.sum());
        counter(out, "kmb_slow_consumer_closes_total", "Connections closed because they stopped reading.",
                metrics.slowConsumerCloses.sum());
        gauge(out, "kmb_connections", "Open TCP connections (HTTP and WebSocket).", connections.open());
        counter(out, "kmb_connections_accepted_total", "TCP connections accepted since start.",
                metrics.connectionsAccepted.sum());
        gauge(out, "kmb_websocket_sessions", "Open WebSocket sessions.", metrics.sessionsOpen.get());
        gauge(out, "kmb_subscriptions", "Open network subscriptions.", metrics.subscriptionsOpen.get());
        counter(out, "kmb_frames_received_total", "WebSocket frames received.", metrics.framesReceived.sum());
        counter(out, "kmb_frames_rejected_total", "WebSocket frames refused as bad or too large.",
                metrics.badFrames.sum());
        counter(out, "kmb_http_requests_total", "REST requests handled.", metrics.httpRequests.sum());
        gauge(out, "kmb_publishes_in_flight", "Publishes waiting for their answer.", metrics.publishesInFlight());
        gauge(out, "kmb_topics_tracked", "Topics with statistics.", broker.topics().snapshot().size());
        MessageLog.LogStats stats = broker.store().stats();
        gauge(out, "kmb_store_messages", "Messages retained in the durable log.", stats.messages());
        gauge(out, "kmb_store_bytes", "Bytes of envelopes retained in the durable log.", stats.bytes());
        gauge(out, "kmb_store_last_offset", "Highest offset appended to the durable log.", broker.store().lastOffset());
        counter(out, "kmb_delivery_interceptor_failures_total",
                "Ephemeral deliveries skipped because a delivery interceptor threw.", broker.deliveryHooks().failures());
        RateLimitMetrics.render(out, broker.rateLimits().stats());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        metric(out, name, "counter", help, value);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        metric(out, name, "gauge", help, value);
    }

    private static void metric(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
