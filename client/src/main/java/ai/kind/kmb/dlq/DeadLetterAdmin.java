package ai.kind.kmb.dlq;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.PublishAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a person does with the dead-letter queue, in process or over the REST API. */
public interface DeadLetterAdmin {

    List<DeadLetter> list(DeadLetterQuery query);

    /** The letter, or a {@link ai.kind.kmb.KmbException} with code {@code not_found}. */
    DeadLetter get(String id);

    /**
     * Publishes the message again, durably, to its original topic or to {@code targetTopic} when
     * not null, and removes the letter once it is back on the bus.
     */
    CompletableFuture<PublishAck> requeue(String id, String targetTopic);

    /** Publishes an edited message in place of the dead one and removes the letter. */
    CompletableFuture<PublishAck> resend(String id, Envelope edited);

    /** Removes one letter; true if it was there. */
    boolean delete(String id);

    /** Removes every letter the query matches; returns how many. */
    int purge(DeadLetterQuery query);
}
