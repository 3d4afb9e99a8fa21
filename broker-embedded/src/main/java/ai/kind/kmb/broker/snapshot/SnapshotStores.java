package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;

/**
 * The snapshot store that goes with a message store: SQLite beside a SQLite log, memory beside a
 * memory log. Any other engine gets memory too until it is given a snapshot store of its own
 * (snapshots then last as long as the node; docs/semantics.md says so).
 */
public final class SnapshotStores {
    private SnapshotStores() {
    }

    public static SnapshotStore defaultFor(MessageStore store) {
        if (store instanceof SqliteStore sqlite) {
            return SqliteSnapshotStore.open(sqlite.file().toAbsolutePath().getParent());
        }
        return new InMemorySnapshotStore();
    }
}
