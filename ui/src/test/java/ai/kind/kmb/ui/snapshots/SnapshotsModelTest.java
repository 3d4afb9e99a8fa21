package ai.kind.kmb.ui.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.Json;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotsModelTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final SnapshotsModel model = new SnapshotsModel(CurrentConnection.of(bus), UiExecutors.direct());
    private SnapshotInfo plannerOld;

    @BeforeEach
    void snapshots() {
        plannerOld = bus.snapshots().save("planner", 10, List.of("plans.#"), Json.object().put("open", 1));
        bus.snapshots().save("planner", 25, List.of("plans.#"), Json.object().put("open", 3));
        bus.snapshots().save("ingest-worker", 7, List.of("ingest.#", "docs.*"), Json.object().put("seen", 7));
        model.refresh();
    }

    @Test
    void listsEachAgentsLatestAndFiltersByName() {
        assertThat(model.agents()).extracting(SnapshotInfo::agent, SnapshotInfo::offset)
                .containsExactly(tuple("ingest-worker", 7L),
                        tuple("planner", 25L));

        model.agentFilterProperty().set("PLAN");

        assertThat(model.agents()).extracting(SnapshotInfo::agent).containsExactly("planner");
    }

    @Test
    void pickingAnAgentListsItsSnapshotsAndShowsTheNewestStateAsJson() {
        model.pickAgent(model.agents().get(1));

        assertThat(model.history()).extracting(SnapshotInfo::offset).containsExactly(25L, 10L);
        assertThat(model.stateProperty().get()).contains("\"open\" : 3");
        assertThat(model.summaryProperty().get()).startsWith("planner · covers offset 25 of plans.# · taken ")
                .endsWith(" bytes");

        model.pickSnapshot(plannerOld);

        assertThat(model.shownProperty().get().info()).isEqualTo(plannerOld);
        assertThat(model.stateProperty().get()).contains("\"open\" : 1");
    }

    @Test
    void noConnectionIsAnErrorNotAnException() {
        SnapshotsModel offline = new SnapshotsModel(CurrentConnection.of(null), UiExecutors.direct());

        offline.refresh();

        assertThat(offline.errorProperty().get()).startsWith("Listing snapshots");
        assertThat(offline.agents()).isEmpty();
    }
}
