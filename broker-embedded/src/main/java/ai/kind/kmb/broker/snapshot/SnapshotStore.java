package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.broker.store.SnapshotRecords;

/**
 * A snapshot store the broker owns: the {@link SnapshotRecords} operations plus closing what it
 * holds. Memory and SQLite keep their own; on Redis and PostgreSQL the message store keeps them
 * ({@link SnapshotStores#defaultFor}), and closing leaves its connections to it.
 */
public interface SnapshotStore extends SnapshotRecords, AutoCloseable {

    @Override
    void close();
}
