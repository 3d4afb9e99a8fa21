package ai.kind.kmb.broker.net;

import ai.kind.kmb.EnvelopeCodec;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.Json;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.broker.DeadLetterOperations;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.dlq.DeathReason;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The dead-letter queue: list (paged), inspect, requeue, edit and resend, delete, purge ({@code /v1/dlq}). */
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
                .add("DELETE", "/v1/dlq", this::purge)
                .add("GET", "/v1/dlq/{id}", request -> RestResponse.ok(JsonViews.deadLetter(
                        deadLetters.get(request.pathParam("id")))))
                .add("POST", "/v1/dlq/{id}/requeue", this::requeue)
                .add("POST", "/v1/dlq/{id}/resend", this::resend)
                .add("DELETE", "/v1/dlq/{id}", this::delete);
    }

    /**
     * Newest death first, a page of {@code limit} from position {@code offset}; {@code reason} and
     * {@code topic} (a filter on the original topic) narrow it. {@code next_offset} fetches the next
     * page, null at the end.
     */
    private RestResponse list(RestRequest request) {
        DeadLetterQuery query = new DeadLetterQuery(reason(request), request.filter("topic"),
                (int) request.wholeNumber("limit", DEFAULT_PAGE, 1, MAX_PAGE));
        DeadLetterPage page = deadLetters.page(query, (int) request.wholeNumber("offset", 0, 0, Integer.MAX_VALUE));
        ObjectNode body = Json.object();
        ArrayNode letters = body.putArray("dead_letters");
        page.letters().forEach(letter -> letters.add(JsonViews.deadLetter(letter)));
        if (page.hasMore()) {
            body.put("next_offset", page.nextOffset());
        } else {
            body.putNull("next_offset");
        }
        return RestResponse.ok(body);
    }

    /** Publishes the message again, durably, to its original topic or to {@code ?topic=}. */
    private RestResponse requeue(RestRequest request) {
        shutdown.requireRunning();
        return ack(deadLetters.requeue(request.pathParam("id"), request.text("topic")).join());
    }

    /** Publishes the edited envelope in the body in place of the dead message, and removes the letter. */
    private RestResponse resend(RestRequest request) {
        shutdown.requireRunning();
        return ack(deadLetters.resend(request.pathParam("id"), EnvelopeCodec.fromJson(request.body())).join());
    }

    private RestResponse delete(RestRequest request) {
        String id = request.pathParam("id");
        if (!deadLetters.delete(id)) {
            throw new KmbException(ErrorCode.NOT_FOUND, "no dead letter with id '" + id + "'");
        }
        return RestResponse.noContent();
    }

    /**
     * Removes every letter {@code reason} and {@code topic} select. Without either, {@code all=true}
     * must say that the whole queue is meant: a bare DELETE is too easy to send by mistake.
     */
    private RestResponse purge(RestRequest request) {
        DeadLetterQuery query = new DeadLetterQuery(reason(request), request.filter("topic"), 0);
        if (query.reason() == null && query.originalTopic() == null && !Boolean.TRUE.equals(request.bool("all"))) {
            throw RestRequest.bad("all", "must be true to purge every dead letter (or give reason or topic)");
        }
        return RestResponse.ok(Json.object().put("purged", deadLetters.purge(query)));
    }

    private static RestResponse ack(PublishAck ack) {
        return RestResponse.ok(Json.object().put("id", ack.id()).put("offset", ack.offset()));
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
