package ai.kind.kmb.broker.net;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.broker.DeadLetterOperations;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The dead-letter queue: list, inspect, requeue, delete ({@code /v1/dlq}). */
final class DeadLetterResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 10_000;

    private final DeadLetterOperations deadLetters;
    private final ShutdownState shutdown;

    DeadLetterResource(DeadLetterOperations deadLetters, ShutdownState shutdown) {
        this.deadLetters = deadLetters;
        this.shutdown = shutdown;
    }

    void register(HttpRouter router) {
        router.add("GET", "/v1/dlq", this::list)
                .add("GET", "/v1/dlq/{id}", request -> RestResponse.ok(JsonViews.deadLetter(
                        deadLetters.get(request.pathParam("id")))))
                .add("POST", "/v1/dlq/{id}/requeue", this::requeue)
                .add("DELETE", "/v1/dlq/{id}", this::delete);
    }

    /** Newest death first; {@code reason} and {@code topic} (a filter on the original topic) narrow it. */
    private RestResponse list(RestRequest request) {
        DeadLetterQuery query = new DeadLetterQuery(reason(request), request.filter("topic"),
                (int) request.wholeNumber("limit", DEFAULT_PAGE, 1, MAX_PAGE));
        ObjectNode body = Json.object();
        ArrayNode letters = body.putArray("dead_letters");
        deadLetters.list(query).forEach(letter -> letters.add(JsonViews.deadLetter(letter)));
        return RestResponse.ok(body);
    }

    /** Publishes the message again, durably, to its original topic or to {@code ?topic=}. */
    private RestResponse requeue(RestRequest request) {
        shutdown.requireRunning();
        PublishAck ack = deadLetters.requeue(request.pathParam("id"), request.text("topic")).join();
        return RestResponse.ok(Json.object().put("id", ack.id()).put("offset", ack.offset()));
    }

    private RestResponse delete(RestRequest request) {
        String id = request.pathParam("id");
        if (!deadLetters.delete(id)) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no dead letter with id '" + id + "'");
        }
        return RestResponse.noContent();
    }

    private static DeathReason reason(RestRequest request) {
        String text = request.text("reason");
        if (text == null) {
            return null;
        }
        try {
            return DeathReason.fromWireName(text);
        } catch (IllegalArgumentException e) {
            throw RestRequest.bad("reason", "must be one of rejected, max_deliveries, expired, schema_invalid,"
                    + " handler_error, overflow, signature_invalid; got '" + text + "'");
        }
    }
}
