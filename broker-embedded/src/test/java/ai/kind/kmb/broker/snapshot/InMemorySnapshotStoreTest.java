package ai.kind.kmb.broker.snapshot;

import ai.kind.kmb.broker.store.SnapshotRecords;
import ai.kind.kmb.broker.store.SnapshotRecordsContract;

/** The snapshot store contract in memory. */
class InMemorySnapshotStoreTest extends SnapshotRecordsContract {

    @Override
    protected SnapshotRecords open() {
        return new InMemorySnapshotStore();
    }
}
