package ai.kind.kmb.snapshot;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.history.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * An agent whose state is rebuilt from its latest snapshot plus the messages after it. The agent
 * saves its state now and then with the offset of the last message it applied; on start it calls
 * {@link #restore}, which hands it the snapshot, replays every stored message on its filters after
 * the snapshot's offset in log order, and, if asked, goes on with live messages without a gap or a
 * repeat between the two. Works the same on the embedded broker and on a remote server.
 */
public final class StatefulAgent {
    private final BusConnection connection;
    private final String agent;
    private final List<String> filters;

    public StatefulAgent(BusConnection connection, String agent, List<String> filters) {
        this.connection = connection;
        this.agent = SnapshotNames.requireAgent(agent);
        this.filters = SnapshotNames.requireCoverage(0, filters);
    }

    public String agent() {
        return agent;
    }

    /** Saves the agent's state, which covers every message on its filters up to {@code offset}. */
    public SnapshotInfo save(long offset, JsonNode state) {
        return connection.snapshots().save(agent, offset, filters, state);
    }

    /**
     * Restores: the latest snapshot to {@link AgentHandler#onSnapshot}, then the stored messages
     * after its offset (all of them when there is no snapshot) to {@link AgentHandler#onMessage}.
     * With {@code live}, live messages follow until the returned restore is closed. A handler that
     * throws during the replay stops it with a {@code handler_error}-like {@code internal} failure
     * naming the offset, so the agent does not run on a state with a hole in it.
     */
    public Restored restore(AgentHandler handler, boolean live) {
        Optional<Snapshot> snapshot = connection.snapshots().latest(agent);
        LiveTail tail = live ? new LiveTail(connection, filters) : null;
        try {
            long position = snapshot.map(found -> found.info().offset()).orElse(0L);
            if (snapshot.isPresent()) {
                handler.onSnapshot(snapshot.get());
            }
            MergedHistory history = new MergedHistory(connection, filters, position);
            long replayed = 0;
            for (StoredMessage message = history.next(); message != null; message = history.next()) {
                apply(handler, message);
                position = message.offset();
                replayed++;
            }
            if (tail != null) {
                tail.start(position, handler);
            }
            return new Restored(snapshot.map(Snapshot::info), replayed, position, tail);
        } catch (Exception e) {
            if (tail != null) {
                tail.close();
            }
            throw e instanceof KmbException kmb ? kmb : new KmbException(ErrorCode.INTERNAL, "restoring agent '"
                    + agent + "' failed: " + e.getMessage(), List.of(), e);
        }
    }

    private void apply(AgentHandler handler, StoredMessage message) {
        try {
            handler.onMessage(message.offset(), message.envelope());
        } catch (Exception e) {
            throw new KmbException(ErrorCode.INTERNAL, "agent '" + agent + "' failed to apply the message at offset "
                    + message.offset() + " while restoring: " + e.getMessage(), List.of(), e);
        }
    }

    /**
     * The outcome of a restore: the snapshot it started from (empty when the agent had none), how
     * many messages were replayed, the offset the state now covers, and the live tail if one was asked.
     */
    public static final class Restored implements AutoCloseable {
        private final Optional<SnapshotInfo> snapshot;
        private final long replayed;
        private final long position;
        private final LiveTail live;

        Restored(Optional<SnapshotInfo> snapshot, long replayed, long position, LiveTail live) {
            this.snapshot = snapshot;
            this.replayed = replayed;
            this.position = position;
            this.live = live;
        }

        public Optional<SnapshotInfo> snapshot() {
            return snapshot;
        }

        public long replayed() {
            return replayed;
        }

        public long position() {
            return position;
        }

        public boolean isLive() {
            return live != null;
        }

        /** Stops the live messages, if any. */
        @Override
        public void close() {
            if (live != null) {
                live.close();
            }
        }
    }
}
