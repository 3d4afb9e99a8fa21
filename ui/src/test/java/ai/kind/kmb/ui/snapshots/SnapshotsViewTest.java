package ai.kind.kmb.ui.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class SnapshotsViewTest {
    private final InMemoryBus bus = new InMemoryBus();

    @BeforeEach
    void show() throws Exception {
        bus.snapshots().save("planner", 10, List.of("plans.#"), Json.object().put("open", 1));
        bus.snapshots().save("planner", 25, List.of("plans.#"), Json.object().put("open", 3));
        bus.snapshots().save("ingest-worker", 7, List.of("ingest.#"), Json.object().put("seen", 7));
        SnapshotsModel model = new SnapshotsModel(CurrentConnection.of(bus), UiExecutors.direct());
        FxTestExtension.show(() -> new SnapshotsView(model));
        FxTestExtension.runFx(model::refresh);
    }

    @Test
    void pickingAnAgentShowsItsSnapshotsAndTheState(FxRobot robot) {
        robot.clickOn("planner");

        TableView<?> history = robot.lookup("#snapshots-history").queryAs(TableView.class);
        assertThat(history.getItems()).hasSize(2);
        assertThat(robot.lookup("#snapshots-state").queryAs(TextArea.class).getText()).contains("\"open\" : 3");
        assertThat(robot.lookup("#snapshots-summary").queryLabeled().getText()).startsWith("planner · covers offset 25");

        robot.clickOn("snap-1");

        assertThat(robot.lookup("#snapshots-state").queryAs(TextArea.class).getText()).contains("\"open\" : 1");
    }

    @Test
    void theFilterNarrowsTheAgents(FxRobot robot) {
        robot.clickOn("#snapshots-filter").write("ingest");

        assertThat(robot.lookup("#snapshots-agents").queryAs(TableView.class).getItems()).hasSize(1);
    }
}
