package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;

/**
 * How a broker hears the other nodes of a bus they share through one Redis or one PostgreSQL, and
 * reaches them. Durable messages travel through the shared log: the link tails it and hands every
 * new entry, this node's own included, to the broker once, in offset order. Ephemeral messages
 * travel outside the log (Redis pub/sub, PostgreSQL NOTIFY), so they are never stored; the link
 * drops its own node's, so nothing is delivered twice. The nodes also share which filters their
 * responders listen on ({@link Responders}) and what they do for the durables they serve
 * ({@link DurableReports}).
 */
public interface NodeLink extends AutoCloseable {
    /** A broker alone on its store: nothing to send, nobody to hear. */
    NodeLink STANDALONE = new Standalone();

    /**
     * True when other nodes append to the same log. The broker then routes durable messages only
     * from {@link RemoteTraffic#appended}, its own included, so each reaches a subscriber once.
     */
    boolean shared();

    /** This node's id, unique on its bus; it names the node in the durable groups of the shared store. */
    String nodeId();

    /** Starts hearing the other nodes; the log is tailed from its end as of this call. */
    void start(RemoteTraffic traffic);

    /**
     * Sends an ephemeral message to the other nodes, at most once. Throws a {@code KmbException}
     * ({@code unavailable} while the link is down, {@code too_large} past what the transport
     * carries) so that the publisher is told rather than met with silence.
     */
    void broadcast(Envelope message);

    /** What this node tells the other nodes of its responders, and learns of theirs. */
    Responders responders();

    /** What this node reports of the durables it serves, and reads of the others' reports. */
    DurableReports reports();

    @Override
    void close();

    /** The single-node link. */
    final class Standalone implements NodeLink {
        private Standalone() {
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public String nodeId() {
            return "standalone";
        }

        @Override
        public void start(RemoteTraffic traffic) {
            // Alone: there is nobody to hear.
        }

        @Override
        public void broadcast(Envelope message) {
            // Alone: there is nobody to reach.
        }

        @Override
        public Responders responders() {
            return Responders.ALONE;
        }

        @Override
        public DurableReports reports() {
            return DurableReports.ALONE;
        }

        @Override
        public void close() {
            // Holds nothing.
        }
    }
}
