package ai.kind.kmb.broker.net;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.security.ServerSecurity;
import ai.kind.kmb.history.HistoryQuery;
import ai.kind.kmb.history.StoredMessage;
import ai.kind.kmb.trace.TraceTree;
import ai.kind.kmb.trace.Traceparent;
import ai.kind.kmb.trace.Tracing;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Publishing and history: {@code /v1/messages} and {@code /v1/traces/{trace_id}}. */
final class MessagesResource {
    static final int DEFAULT_PAGE = 100;

    private final Broker broker;
    private final ServerMetrics metrics;
    private final ShutdownState shutdown;
    private final ServerSecurity security;

    MessagesResource(Broker broker, ServerMetrics metrics, ShutdownState shutdown, ServerSecurity security) {
        this.broker = broker;
        this.metrics = metrics;
        this.shutdown = shutdown;
        this.security = security;
    }

    void register(HttpRouter router) {
        router.add("POST", "/v1/messages", this::publish)
                .add("GET", "/v1/messages", this::history)
                .add("GET", "/v1/traces/{trace_id}", this::trace);
    }

    /**
     * Publishes one envelope; answers once the bus took it (on disk, if durable). A message without a
     * trace continues the request's {@code traceparent} or starts a trace; the answer's
     * {@code traceparent} names the message's span.
     */
    private RestResponse publish(RestRequest request) {
        Boolean durable = request.bool("durable");
        Envelope parsed = EnvelopeCodec.fromJson(request.body());
        security.requirePublish(request.caller(), parsed.topic());
        Envelope message = Tracing.stamp(ServerSecurity.stamp(request.caller(), parsed),
                Traceparent.parse(request.header(Traceparent.HEADER)));
        shutdown.requireRunning();
        broker.rateLimits().admitClient(request.caller() != null && request.caller().issuer() != null
                ? request.caller().clientId() : request.client());
        metrics.publishStarted();
        try {
            PublishAck ack = broker.publish(message, new PublishOptions(durable)).join();
            ObjectNode body = Json.object().put("id", ack.id()).put("offset", ack.offset())
                    .put("duplicate", ack.duplicate());
            RestResponse answer = RestResponse.ok(body);
            return Traceparent.of(message).map(header -> answer.withHeader(Traceparent.HEADER, header)).orElse(answer);
        } finally {
            metrics.publishFinished();
        }
    }

    /**
     * A page of durable history in offset order. {@code next_after} is the {@code after} value of
     * the next page, or null when this page reached the end. Messages the caller may not subscribe
     * to are left out, so a page may hold fewer than {@code limit} and still not be the last.
     */
    private RestResponse history(RestRequest request) {
        int limit = (int) request.wholeNumber("limit", DEFAULT_PAGE, 1, HistoryQuery.MAX_LIMIT);
        TopicFilter filter = request.filter("filter");
        if (filter != null) {
            security.requireSubscribe(request.caller(), filter);
        }
        HistoryQuery query = new HistoryQuery(filter, request.time("from"), request.time("to"),
                request.text("trace_id"), request.wholeNumber("after", 0, 0, Long.MAX_VALUE), limit);
        List<StoredMessage> page = broker.store().query(query);
        ObjectNode body = Json.object();
        body.set("messages", JsonViews.storedList(readable(request, page)));
        if (page.size() == limit) {
            body.put("next_after", page.getLast().offset());
        } else {
            body.putNull("next_after");
        }
        return RestResponse.ok(body);
    }

    /**
     * Every stored message of one trace, in offset order, up to the history page cap; and the tree:
     * {@code spans} depth first, each naming its message, its parent span and its depth.
     */
    private RestResponse trace(RestRequest request) {
        String traceId = request.pathParam("trace_id");
        TraceTree tree = broker.store().trace(traceId);
        List<TraceTree.TraceSpan> visible = tree.spans().stream()
                .filter(span -> ServerSecurity.mayReceive(request.caller(), span.message().envelope().topic()))
                .toList();
        if (visible.isEmpty()) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no stored message has trace_id '" + traceId + "'");
        }
        List<StoredMessage> messages = visible.stream().map(TraceTree.TraceSpan::message)
                .sorted(java.util.Comparator.comparingLong(StoredMessage::offset)).toList();
        ObjectNode body = Json.object().put("trace_id", traceId);
        body.set("messages", JsonViews.storedList(messages));
        ArrayNode spans = body.putArray("spans");
        visible.forEach(span -> spans.addObject().put("span_id", span.spanId()).put("parent_id", span.parentId())
                .put("depth", span.depth()).put("id", span.message().envelope().id())
                .put("offset", span.message().offset()));
        return RestResponse.ok(body);
    }

    private static List<StoredMessage> readable(RestRequest request, List<StoredMessage> messages) {
        return messages.stream()
                .filter(stored -> ServerSecurity.mayReceive(request.caller(), stored.envelope().topic()))
                .toList();
    }
}
