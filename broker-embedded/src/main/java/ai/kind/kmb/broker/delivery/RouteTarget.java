package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;

/**
 * What the routing trie points at: something that takes a published message. Called on the
 * publisher's (or the store writer's) thread, so it must never block.
 */
public interface RouteTarget {
    /** Offers a message; {@code offset} is its log offset or {@code PublishAck.NOT_STORED}. */
    void offer(Envelope message, long offset);
}
