package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.broker.store.ConsumerClaims;
import ai.kind.kmb.broker.store.ConsumerState;
import ai.kind.kmb.history.StoredMessage;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a durable consumer's messages come from and where it records what became of them: its own
 * cursor over the log when it runs on one node ({@link OwnCursor}), or claims on a group the nodes
 * of a shared bus serve together ({@link SharedClaims}). Called from the consumer's loop thread,
 * except {@link #settled}, which the consumer calls under its lock.
 */
sealed interface DurableSource permits OwnCursor, SharedClaims {

    /** Up to {@code max} messages the consumer has not had, in offset order; they are its own now. */
    List<StoredMessage> next(int max);

    /** Messages another node abandoned, now this consumer's; always empty on one node. */
    List<ConsumerClaims.Abandoned> abandoned(int max);

    /** The message at this offset is done with: acknowledged, dead-lettered, or not for this consumer. Cheap. */
    void settled(long offset);

    /**
     * The last offset handed to the consumer, where the source keeps it; empty where the shared
     * store keeps the position for every node. Cheap: no store call.
     */
    OptionalLong position();

    /** At the end of each delivery round: records what changed. */
    void afterRound(Books books);

    /** The consumer stopped: records its final state and lets go of what it held. */
    void close(Books books);

    /** What a source may read of its consumer's bookkeeping. */
    interface Books {
        /** Moves on with every change. */
        long version();

        /** The consumer's state for saving, with this cursor. */
        ConsumerState state(long cursor);

        /** The offsets of every message it holds unsettled. */
        List<Long> held();
    }
}
