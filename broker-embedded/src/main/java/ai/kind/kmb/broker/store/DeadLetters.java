package ai.kind.kmb.broker.store;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.dlq.DeadLetterQuery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The dead-letter queue's storage. */
public interface DeadLetters {

    /**
     * Records a death. A second death of the same message id for the same subscriber updates the
     * existing letter (last death time, deaths, delivery count, last error) instead of adding one;
     * see {@link DeadLetter#diedAgain(DeadLetter)}. A letter without an id gets a new random one.
     * Completes with the letter as stored, once it is on disk.
     */
    CompletableFuture<DeadLetter> addDeadLetter(DeadLetter letter);

    List<DeadLetter> deadLetters(DeadLetterQuery query);

    Optional<DeadLetter> deadLetter(String id);

    /** Removes one letter; true if it was there. */
    boolean removeDeadLetter(String id);

    /** Removes every letter the query matches (its limit ignored); returns how many. */
    int purgeDeadLetters(DeadLetterQuery query);
}
