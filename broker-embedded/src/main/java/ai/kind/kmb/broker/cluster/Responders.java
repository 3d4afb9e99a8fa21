package ai.kind.kmb.broker.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * What the nodes of a bus know of each other's responders (subscriptions that are not observers),
 * so that a request nobody anywhere would answer fails with {@code no_responders} rather than
 * waiting out its time-out; and of each other's ephemeral queue groups, so that a message goes to
 * one member of a group across the bus. A node alone has nobody else to ask.
 */
public interface Responders {
    /** A node alone: nothing to tell, nobody elsewhere. */
    Responders ALONE = new Responders() {
        @Override
        public CompletableFuture<Void> changed() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> respondsElsewhere(String topic) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public boolean deliversHere(QueueGroup group, String messageId) {
            return true;
        }
    };

    /**
     * This node's responder filters ({@link RemoteTraffic#responderFilters}) or queue groups
     * ({@link RemoteTraffic#queueGroups}) may have changed. Never blocks; the future completes once
     * the other nodes can see what was read after this call, or fails when the shared server could
     * not be told (the link keeps trying).
     */
    CompletableFuture<Void> changed();

    /**
     * Whether a responder on another live node listens on a filter matching {@code topic}. Answered
     * from memory when it is yes; before a no, the shared server is read, so a responder whose
     * subscribe has returned on another node is always found.
     */
    CompletableFuture<Boolean> respondsElsewhere(String topic);

    /**
     * Whether this node delivers {@code messageId} to {@code group}, of which it has members: every
     * node with members of the group answers the same from the same view, so exactly one says yes.
     * From memory, never a round trip; yes when no other live node has members.
     */
    boolean deliversHere(QueueGroup group, String messageId);
}
