package ai.kind.kmb.broker;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.PublishAck;
import ai.kind.kmb.Topics;
import ai.kind.kmb.broker.delivery.DeathHistory;
import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterAdmin;
import ai.kind.kmb.dlq.DeadLetterQuery;
import ai.kind.kmb.broker.store.DeadLetters;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * What a person does with the dead-letter queue: look, requeue, edit and resend, delete, purge.
 * A letter is removed only after its message is back on the bus.
 */
public final class DeadLetterOperations implements DeadLetterAdmin {
    private final DeadLetters store;
    private final BiFunction<Envelope, Boolean, CompletableFuture<PublishAck>> publisher;

    DeadLetterOperations(DeadLetters store, BiFunction<Envelope, Boolean, CompletableFuture<PublishAck>> publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @Override
    public List<DeadLetter> list(DeadLetterQuery query) {
        return store.deadLetters(query);
    }

    @Override
    public DeadLetter get(String id) {
        return store.deadLetter(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Publishes the message again, durably, to its original topic or to {@code targetTopic}. It
     * keeps its id, skips the dedup window, and carries its death history, so that a second death
     * continues the count.
     */
    @Override
    public CompletableFuture<PublishAck> requeue(String id, String targetTopic) {
        DeadLetter letter = get(id);
        Envelope message = targetTopic == null ? letter.message()
                : letter.message().withTopic(Topics.requireValidName(targetTopic));
        return resendAndRemove(id, DeathHistory.carry(message, letter.death()));
    }

    /** Publishes an edited message in place of the dead one and removes the letter. */
    @Override
    public CompletableFuture<PublishAck> resend(String id, Envelope edited) {
        DeadLetter letter = get(id);
        return resendAndRemove(id, edited.id() == null ? edited.withId(letter.message().id()) : edited);
    }

    @Override
    public boolean delete(String id) {
        return store.removeDeadLetter(id);
    }

    @Override
    public int purge(DeadLetterQuery query) {
        return store.purgeDeadLetters(query);
    }

    private CompletableFuture<PublishAck> resendAndRemove(String id, Envelope message) {
        // Async: the publish completes on the store's own thread, where waiting for another write
        // (the removal) is refused on SQLite; found by the Studio's dead-letter viewer.
        return publisher.apply(message, true).thenApplyAsync(ack -> {
            store.removeDeadLetter(id);
            return ack;
        });
    }

    private static KmbException notFound(String id) {
        return new KmbException(ErrorCode.NOT_FOUND, "no dead letter with id '" + id + "'");
    }
}
