package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.List;
import java.util.Optional;

/**
 * Where agents' snapshots are kept: apart from the message log, so that log retention never
 * touches them. "Newest" is the order of saving. Implementations are safe to use from any thread.
 */
public interface SnapshotStore extends AutoCloseable {

    /** Stores a snapshot as its agent's newest; returns once it is durable (for a durable engine). */
    void save(Snapshot snapshot);

    Optional<Snapshot> latest(String agent);

    Optional<Snapshot> get(String agent, String id);

    /** The agent's snapshots, newest first. */
    List<SnapshotInfo> history(String agent);

    /** The newest snapshot of each agent, by agent name. */
    List<SnapshotInfo> agents();

    /** Deletes all but the agent's {@code keep} newest snapshots ({@code keep} at least 1); returns how many went. */
    int prune(String agent, int keep);

    @Override
    void close();
}
