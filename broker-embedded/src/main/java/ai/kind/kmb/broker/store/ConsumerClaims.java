package ai.kind.kmb.broker.store;

import ai.kind.kmb.history.StoredMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * One node's share of a durable consumer's messages (see {@link SharedConsumers}). A message this
 * node claimed stays its own until it settles or releases it, or until it fails to renew the claim
 * within the lease another node asks with; then it is abandoned, and the next node to ask takes it
 * over. Every method waits for the server: call them from a thread that may block. Failures are
 * {@code KmbException}s with code {@code unavailable} naming the server.
 */
public interface ConsumerClaims {

    /** A message taken over from a node that abandoned it, and how often it was claimed before. */
    record Abandoned(StoredMessage message, int earlierClaims) {
    }

    /** Up to {@code max} messages no node has had yet, in offset order, now claimed by this node. */
    List<StoredMessage> claimNew(int max);

    /**
     * Up to {@code max} messages another node (or this one, earlier) claimed and has not renewed
     * for at least {@code lease}, now claimed by this node, in offset order.
     */
    List<Abandoned> claimAbandoned(Duration lease, int max);

    /** Resets the lease on these claims of this node's; offsets it does not hold are ignored. */
    void renew(Collection<Long> offsets);

    /** These messages are done with (acknowledged, dead-lettered, or not for this consumer). */
    void settle(Collection<Long> offsets);

    /** Gives these claims up so that any node may claim the messages at once. */
    void release(Collection<Long> offsets);
}
