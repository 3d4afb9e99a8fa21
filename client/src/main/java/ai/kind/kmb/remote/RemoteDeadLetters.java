package ai.kind.kmb.remote;

import ai.kind.kmb.Bus;
import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.PublishOptions;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.dlq.DeadLetterQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The dead-letter queue of a KMB server, over its REST routes. The REST calls block, so the
 * asynchronous operations run them on a virtual thread of their own, never on the caller's nor on
 * the WebSocket client's.
 */
final class RemoteDeadLetters implements DeadLetterAdmin {
    private static final Executor BLOCKING = task -> Thread.ofVirtual().name("kmb-remote-dlq").start(task);

    private final RestClient rest;
    private final Bus bus;

    RemoteDeadLetters(RestClient rest, Bus bus) {
        this.rest = rest;
        this.bus = bus;
    }

    /** At most {@value RestMapper#MAX_DEAD_LETTERS} letters: the route has no paging beyond that. */
    @Override
    public List<DeadLetter> list(DeadLetterQuery query) {
        return rest.deadLetters(RestMapper.reasonName(query), RestMapper.topicFilter(query),
                RestMapper.deadLetterLimit(query)).stream().map(RestMapper::deadLetter).toList();
    }

    @Override
    public DeadLetter get(String id) {
        return RestMapper.deadLetter(rest.deadLetter(id));
    }

    /** The server requeues, keeping the message's id and its death history. */
    @Override
    public CompletableFuture<PublishAck> requeue(String id, String targetTopic) {
        return CompletableFuture.supplyAsync(() -> rest.requeue(id, targetTopic), BLOCKING);
    }

    /**
     * Checks that the letter exists, publishes the edited message durably, then deletes the
     * letter. There is no REST route for this, so unlike the broker in process it cannot skip the
     * server's dedup window: an edited message without an id gets a new one (the dead message's id
     * would be taken for a duplicate if it died within the window), and one that keeps an id the
     * server has just seen is refused here with the letter kept, rather than silently dropped.
     */
    @Override
    public CompletableFuture<PublishAck> resend(String id, Envelope edited) {
        return CompletableFuture.supplyAsync(() -> get(id), BLOCKING)
                .thenCompose(letter -> bus.publish(edited, PublishOptions.DURABLE))
                .thenApplyAsync(ack -> {
                    if (ack.duplicate()) {
                        String reason = "the server already had a message with id '" + ack.id()
                                + "' inside its dedup window, so the edited message was not published";
                        throw new KmbException(ErrorCode.BAD_REQUEST, reason + "; dead letter '" + id
                                + "' is kept: resend it with a new id", List.of(new ErrorDetail("id", reason)));
                    }
                    delete(id);
                    return ack;
                }, BLOCKING);
    }

    @Override
    public boolean delete(String id) {
        try {
            rest.deleteDeadLetter(id);
            return true;
        } catch (KmbException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Lists and deletes a page at a time, as there is no purge route. A page holding only letters
     * already tried ends it, so letters that keep arriving, or a delete that keeps failing, cannot
     * keep it going forever.
     */
    @Override
    public int purge(DeadLetterQuery query) {
        DeadLetterQuery everything = new DeadLetterQuery(query.reason(), query.originalTopic(), 0);
        Set<String> tried = new HashSet<>();
        int removed = 0;
        while (true) {
            List<DeadLetter> page = list(everything);
            List<DeadLetter> fresh = page.stream().filter(letter -> tried.add(letter.id())).toList();
            if (fresh.isEmpty()) {
                return removed;
            }
            for (DeadLetter letter : fresh) {
                if (delete(letter.id())) {
                    removed++;
                }
            }
            if (page.size() < RestMapper.MAX_DEAD_LETTERS) {
                return removed;
            }
        }
    }
}
