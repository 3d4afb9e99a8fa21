package ai.kind.kmb.durable;

import java.time.Instant;
import java.util.List;

/**
 * What one broker is doing for a durable right now: the members attached there, and the messages
 * it holds unsettled, {@code inFlight} with a member awaiting an ack and {@code waiting} the rest
 * (due for redelivery, waiting for a member, or being dead-lettered). Where that broker does not
 * serve the durable now, {@code settings} and the times are null and there are no members.
 *
 * @param node          the broker's node id on a shared bus (the names of {@code claimedByNode}); null alone
 * @param members       how many members are attached there
 * @param subscribers   those members, or the first of them where a listing is bounded ({@link #membersLeftOut()})
 * @param settings      how it delivers the durable
 * @param lastDelivered when it last delivered one of the durable's messages (a redelivery counts); null if never
 * @param lastAcked     when a member last acknowledged one; null if never
 */
public record NodeActivity(String node, int members, List<DurableSubscriber> subscribers, int inFlight, int waiting,
                           DurableSettings settings, Instant lastDelivered, Instant lastAcked) {
    /** A broker alone on its store that does not serve the durable now. */
    public static final NodeActivity NONE = idle(null);

    public NodeActivity {
        subscribers = List.copyOf(subscribers);
        if (members < subscribers.size()) {
            throw new IllegalArgumentException("a node with " + members + " members cannot list "
                    + subscribers.size() + " of them");
        }
    }

    /** With every member listed. */
    public NodeActivity(String node, List<DurableSubscriber> subscribers, int inFlight, int waiting,
                        DurableSettings settings, Instant lastDelivered, Instant lastAcked) {
        this(node, subscribers.size(), subscribers, inFlight, waiting, settings, lastDelivered, lastAcked);
    }

    /** A broker (the node named, on a shared bus) that does not serve the durable now. */
    public static NodeActivity idle(String node) {
        return new NodeActivity(node, List.of(), 0, 0, null, null, null);
    }

    /** The members attached there and not listed in {@link #subscribers()}. */
    public int membersLeftOut() {
        return members - subscribers.size();
    }

    /** The same, listing the first {@code max} members at most; the count stays whole. */
    public NodeActivity listingAtMost(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("cannot list fewer than 0 members, asked for " + max);
        }
        return subscribers.size() <= max ? this : new NodeActivity(node, members, subscribers.subList(0, max),
                inFlight, waiting, settings, lastDelivered, lastAcked);
    }
}
