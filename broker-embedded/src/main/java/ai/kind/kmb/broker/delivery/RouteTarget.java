package ai.kind.kmb.broker.delivery;

import ai.kind.kmb.Envelope;

/**
 * What the routing trie points at: something that takes a published message. Called on the
 * publisher's (or the store writer's) thread, so it must never block.
 */
public interface RouteTarget {
    /** Offers a message; {@code offset} is its log offset or {@code PublishAck.NOT_STORED}. */
    void offer(Envelope message, long offset);

    /**
     * Whether this target answers commands and queries; observers (KMB Studio's live feed, say)
     * receive them but do not count, so a request nobody else hears still gets {@code no_responders}.
     */
    default boolean responder() {
        return true;
    }
}
