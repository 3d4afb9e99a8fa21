package ai.kind.kmb.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.Json;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot contract for stores several nodes share (Redis, PostgreSQL), plus what sharing
 * promises: every store open on one bus, as each node opens its own, sees every store's saves,
 * and the snapshots outlive them all. The contract closes the stores it opened, then has the
 * engine delete the test's bus.
 */
public abstract class SharedSnapshotRecordsContract extends SnapshotRecordsContract {
    private final List<MessageStore> opened = new ArrayList<>();

    /** A store on this test's bus (the same key prefix or schema every time), as a node opens it. */
    protected abstract MessageStore openStore();

    protected abstract SnapshotRecords snapshotsOf(MessageStore store);

    /** Deletes the test's bus (its keys or its schema); every store on it is closed by then. */
    protected abstract void deleteBus();

    @Override
    protected SnapshotRecords open() {
        return another();
    }

    /** The snapshots of one more store on the bus, which the contract closes after the test. */
    protected SnapshotRecords another() {
        MessageStore store = openStore();
        opened.add(store);
        return snapshotsOf(store);
    }

    private void closeAll() {
        opened.forEach(MessageStore::close);
    }

    @AfterEach
    void closeStoresAndDeleteTheBus() {
        closeAll();
        deleteBus();
    }

    @Test
    void everyStoreOnTheBusSeesEverySave() {
        SnapshotRecords other = another();
        Snapshot first = save("planner", 1, Json.object().put("n", 1));
        Snapshot second = snapshot("planner", 2, Json.object().put("n", 2));

        other.save(second);

        assertThat(other.get("planner", first.info().id())).hasValue(first);
        assertThat(records.latest("planner")).hasValue(second);
        assertThat(records.history("planner")).containsExactly(second.info(), first.info());
        assertThat(other.agents()).containsExactly(second.info());
    }

    @Test
    void snapshotsOutliveTheStoresThatSavedThem() {
        Snapshot saved = save("planner", 5, Json.object().put("n", 5));
        closeAll();

        SnapshotRecords reopened = another();

        assertThat(reopened.latest("planner")).hasValue(saved);
        assertThat(reopened.agents()).extracting(SnapshotInfo::agent).containsExactly("planner");
    }

    @Test
    void aClosedStoreRefusesSnapshotsAsUnavailable() {
        closeAll();

        assertThatThrownBy(() -> records.latest("planner")).isInstanceOfSatisfying(KmbException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("closed");
        });
    }
}
