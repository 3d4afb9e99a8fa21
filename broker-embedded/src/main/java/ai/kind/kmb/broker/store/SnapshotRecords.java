package ai.kind.kmb.broker.store;

import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.List;
import java.util.Optional;

/**
 * Agents' snapshots as a store keeps them: apart from the message log, so that log retention
 * never touches them. "Newest" is the order of saving. Implementations are safe to use from any
 * thread; on a store several nodes share (Redis, PostgreSQL) every node sees every node's saves.
 * The stores that keep snapshots of their own hand this out ({@code RedisStore.snapshots()},
 * {@code PostgresStore.snapshots()}); the broker's snapshot package adapts it, so the store
 * packages never depend on it.
 */
public interface SnapshotRecords {

    /** Stores a snapshot as its agent's newest; returns once it is durable (for a durable engine). */
    void save(Snapshot snapshot);

    Optional<Snapshot> latest(String agent);

    /** The agent's snapshot with this id; empty when it has none by that id (or another agent has it). */
    Optional<Snapshot> get(String agent, String id);

    /** The agent's snapshots, newest first. */
    List<SnapshotInfo> history(String agent);

    /** The newest snapshot of each agent, by agent name. */
    List<SnapshotInfo> agents();

    /** Deletes all but the agent's {@code keep} newest snapshots ({@code keep} at least 1); returns how many went. */
    int prune(String agent, int keep);
}
