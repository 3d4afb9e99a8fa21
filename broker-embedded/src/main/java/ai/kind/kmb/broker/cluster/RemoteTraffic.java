package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.history.StoredMessage;
import java.util.Set;

/** What a {@link NodeLink} hands the broker, and asks it. Called on the link's own threads; must not block. */
public interface RemoteTraffic {
    /** An ephemeral message another node published. */
    void ephemeral(Envelope message);

    /** A message appended to the shared log by any node, this one included, in offset order. */
    void appended(StoredMessage stored);

    /** The filters of this node's responder subscriptions now (observers are not responders). */
    Set<String> responderFilters();

    /** The ephemeral queue groups this node has members of now. */
    Set<QueueGroup> queueGroups();

    /** What this node does now for each durable it serves, for the other nodes to show. */
    DurablesReport durables();
}
