package ai.kind.kmb.remote;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.dlq.DeadLetterPage;
import ai.kind.kmb.dlq.DeadLetterQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The dead-letter queue of a KMB server, over its REST routes. The REST calls block, so the
 * asynchronous operations run them on a virtual thread of their own, never on the caller's nor on
 * the WebSocket client's.
 */
final class RemoteDeadLetters implements DeadLetterAdmin {
    /** The largest page {@code GET /v1/dlq} answers. */
    static final int MAX_PAGE = 10_000;
    private static final Executor BLOCKING = task -> Thread.ofVirtual().name("kmb-remote-dlq").start(task);

    private final RestClient rest;

    RemoteDeadLetters(RestClient rest) {
        this.rest = rest;
    }

    /** Reads page after page until the limit (none when zero or less) or the end of the queue. */
    @Override
    public List<DeadLetter> list(DeadLetterQuery query) {
        int wanted = query.limit() > 0 ? query.limit() : Integer.MAX_VALUE;
        List<DeadLetter> letters = new ArrayList<>();
        int offset = 0;
        while (letters.size() < wanted) {
            int size = Math.min(MAX_PAGE, wanted - letters.size());
            DeadLetterPage page = rest.deadLetters(new DeadLetterQuery(query.reason(), query.originalTopic(), size),
                    offset);
            letters.addAll(page.letters());
            if (!page.hasMore()) {
                break;
            }
            offset = page.nextOffset();
        }
        return letters;
    }

    @Override
    public DeadLetterPage page(DeadLetterQuery query, int offset) {
        DeadLetterPage.requirePaging(query, offset);
        return rest.deadLetters(query, offset);
    }

    @Override
    public DeadLetter get(String id) {
        return rest.deadLetter(id);
    }

    /** The server requeues, keeping the message's id and its death history. */
    @Override
    public CompletableFuture<PublishAck> requeue(String id, String targetTopic) {
        return CompletableFuture.supplyAsync(() -> rest.requeue(id, targetTopic), BLOCKING);
    }

    /** The server resends, as the broker in process does: an edit without an id keeps the dead message's. */
    @Override
    public CompletableFuture<PublishAck> resend(String id, Envelope edited) {
        return CompletableFuture.supplyAsync(() -> rest.resend(id, edited), BLOCKING);
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

    @Override
    public int purge(DeadLetterQuery query) {
        return rest.purgeDeadLetters(query);
    }
}
