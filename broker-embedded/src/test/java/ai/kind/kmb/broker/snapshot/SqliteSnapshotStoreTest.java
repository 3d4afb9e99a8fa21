package ai.kind.kmb.broker.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.broker.store.SnapshotRecordsContract;
import ai.kind.kmb.snapshot.Snapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot store contract on SQLite, in {@code snapshots.db} of a directory of the test's own. */
class SqliteSnapshotStoreTest extends SnapshotRecordsContract {
    @TempDir
    Path dir;

    private SqliteSnapshotStore store;

    @Override
    protected SnapshotRecords open() {
        store = SqliteSnapshotStore.open(dir);
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void snapshotsOutliveTheStoreThatSavedThem() {
        Snapshot saved = save("planner", 5, Json.object().put("n", 5));
        store.close();

        store = SqliteSnapshotStore.open(dir);

        assertThat(store.latest("planner")).hasValueSatisfying(read -> assertThat(read).isEqualTo(saved));
    }
}
