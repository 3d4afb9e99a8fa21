package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.broker.store.MessageStore;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.broker.store.postgres.PostgresStore;
import ai.kind.kmb.broker.store.redis.RedisStore;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.List;
import java.util.Optional;

/**
 * The snapshot store that goes with a message store: SQLite beside a SQLite log, and on Redis and
 * PostgreSQL the message store itself, so that every node of a shared bus sees the same snapshots
 * and they outlive the nodes (docs/semantics.md). Anything else gets memory.
 */
public final class SnapshotStores {
    private SnapshotStores() {
    }

    public static SnapshotStore defaultFor(MessageStore store) {
        return switch (store) {
            case SqliteStore sqlite -> SqliteSnapshotStore.open(sqlite.file().toAbsolutePath().getParent());
            case RedisStore redis -> new Borrowed(redis.snapshots());
            case PostgresStore postgres -> new Borrowed(postgres.snapshots());
            default -> new InMemorySnapshotStore();
        };
    }

    /** Snapshots a message store keeps on its own connections, which are its to close, not this store's. */
    private record Borrowed(SnapshotRecords records) implements SnapshotStore {
        @Override
        public void save(Snapshot snapshot) {
            records.save(snapshot);
        }

        @Override
        public Optional<Snapshot> latest(String agent) {
            return records.latest(agent);
        }

        @Override
        public Optional<Snapshot> get(String agent, String id) {
            return records.get(agent, id);
        }

        @Override
        public List<SnapshotInfo> history(String agent) {
            return records.history(agent);
        }

        @Override
        public List<SnapshotInfo> agents() {
            return records.agents();
        }

        @Override
        public int prune(String agent, int keep) {
            return records.prune(agent, keep);
        }

        @Override
        public void close() {
            // The broker closes the message store, and with it these connections, after the snapshots.
        }
    }
}
