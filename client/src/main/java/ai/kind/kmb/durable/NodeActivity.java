package ai.kind.kmb.durable;

import java.time.Instant;
import java.util.List;

/**
 * What the broker that answered is doing for a durable right now: the members attached there, and
 * the messages it holds unsettled, {@code inFlight} with a member awaiting an ack and
 * {@code waiting} the rest (due for redelivery, waiting for a member, or being dead-lettered).
 * Where that broker does not serve the durable now, {@code settings} and the times are null and
 * there are no subscribers.
 *
 * @param node          the answering node's id on a shared bus (the names of {@code claimedByNode}); null alone
 * @param settings      how it delivers the durable
 * @param lastDelivered when it last delivered one of the durable's messages (a redelivery counts); null if never
 * @param lastAcked     when a member last acknowledged one; null if never
 */
public record NodeActivity(String node, List<DurableSubscriber> subscribers, int inFlight, int waiting,
                           DurableSettings settings, Instant lastDelivered, Instant lastAcked) {
    /** A broker alone on its store that does not serve the durable now. */
    public static final NodeActivity NONE = idle(null);

    public NodeActivity {
        subscribers = List.copyOf(subscribers);
    }

    /** A broker (the node named, on a shared bus) that does not serve the durable now. */
    public static NodeActivity idle(String node) {
        return new NodeActivity(node, List.of(), 0, 0, null, null, null);
    }

    /** How many members are attached to the answering broker. */
    public int members() {
        return subscribers.size();
    }
}
