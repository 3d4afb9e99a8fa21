package ai.kind.kmb.dlq;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a person does with the dead-letter queue, in process or over the REST API. */
public interface DeadLetterAdmin {

    List<DeadLetter> list(DeadLetterQuery query);

    /**
     * The letters {@code query} matches from position {@code offset} on (0 is the newest death), at
     * most {@code query.limit()} of them, which must be at least 1.
     */
    default DeadLetterPage page(DeadLetterQuery query, int offset) {
        DeadLetterPage.requirePaging(query, offset);
        int through = (int) Math.min(Integer.MAX_VALUE, (long) offset + query.limit() + 1);
        return DeadLetterPage.slice(list(new DeadLetterQuery(query.reason(), query.originalTopic(), through)), offset,
                query.limit());
    }

    /** The letter, or a {@link ai.kind.kmb.KmbException} with code {@code not_found}. */
    DeadLetter get(String id);

    /**
     * Publishes the message again, durably, to its original topic or to {@code targetTopic} when
     * not null, and removes the letter once it is back on the bus.
     */
    CompletableFuture<PublishAck> requeue(String id, String targetTopic);

    /**
     * Requeues several letters one after another, each as {@link #requeue(String, String)} does,
     * stopping at the first that fails (the letters after it stay, the ones before are back on the bus).
     */
    default CompletableFuture<List<PublishAck>> requeueAll(List<String> ids, String targetTopic) {
        CompletableFuture<List<PublishAck>> acks = CompletableFuture.completedFuture(new ArrayList<>());
        for (String id : ids) {
            acks = acks.thenCompose(done -> requeue(id, targetTopic).thenApply(ack -> {
                done.add(ack);
                return done;
            }));
        }
        return acks.thenApply(List::copyOf);
    }

    /** Publishes an edited message in place of the dead one and removes the letter. */
    CompletableFuture<PublishAck> resend(String id, Envelope edited);

    /** Removes one letter; true if it was there. */
    boolean delete(String id);

    /** Removes every letter the query matches; returns how many. */
    int purge(DeadLetterQuery query);
}
