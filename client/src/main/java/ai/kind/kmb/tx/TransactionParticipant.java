package ai.kind.kmb.tx;

import ai.kind.kmb.Envelope;

/**
 * An agent taking part in others' transactions: asked to prepare, it votes; then it is told the
 * outcome. A {@code prepare} that throws votes no with the exception's message.
 */
public interface TransactionParticipant {

    /** Votes on a transaction; {@code prepare}'s payload has {@code tx}, {@code messages} and {@code topics}. */
    Vote prepare(Envelope prepare) throws Exception;

    /** The transaction committed: its messages are now visible. */
    default void committed(String transactionId) throws Exception {
    }

    /** The transaction was rolled back (a no, a missing vote, an abort); nothing of it was seen. */
    default void rolledBack(String transactionId, String reason) throws Exception {
    }
}
