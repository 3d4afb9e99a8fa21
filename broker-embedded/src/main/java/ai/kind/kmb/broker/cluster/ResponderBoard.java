package ai.kind.kmb.broker.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Where the nodes of a shared bus keep what they tell each other of their subscriptions: the
 * filters their responders listen on and the ephemeral queue groups they have members of, and
 * beside that listing, kept apart so that reading the listings does not carry it, their report of
 * the durables they serve. One entry per node, alive while its heartbeat lasts, on the shared
 * server. Times are the server's, so nodes whose clocks differ still agree on which entries are
 * alive. Called from one thread; blocking.
 */
interface ResponderBoard {
    /** What a node lists: its responder filters and its ephemeral queue groups. */
    record Listing(Set<String> filters, Set<QueueGroup> groups) {
        public Listing {
            filters = Set.copyOf(filters);
            groups = Set.copyOf(groups);
        }

        /** What {@code traffic}'s broker has now. */
        static Listing of(RemoteTraffic traffic) {
            return new Listing(traffic.responderFilters(), traffic.queueGroups());
        }
    }

    /** A live node's entry: its listing and how long its heartbeat still lasts. */
    record Entry(String nodeId, Listing listing, Duration left) {
    }

    /**
     * Writes this node's entry, its listing and its report, alive for {@code ttl} from now, and
     * drops entries of nodes whose heartbeat ran out long ago; with {@code announce}, tells every
     * node to read the listings again.
     */
    void put(String nodeId, Listing listing, DurablesReport report, Duration ttl, boolean announce) throws Exception;

    /** Every listing whose heartbeat still lasts, this node's own included. */
    List<Entry> read() throws Exception;

    /** Every report whose heartbeat still lasts, this node's own included. */
    List<DurablesReport> reports() throws Exception;

    /** Removes this node's entry and tells every node to read the board again. */
    void remove(String nodeId) throws Exception;
}
