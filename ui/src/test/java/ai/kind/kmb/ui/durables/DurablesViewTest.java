package ai.kind.kmb.ui.durables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxTestExtension.class)
class DurablesViewTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final List<String> questions = new ArrayList<>();
    private boolean answer;

    private DurablesView show(DurablesModel model) throws Exception {
        return FxTestExtension.show(() -> new DurablesView(model, question -> {
            questions.add(question);
            return answer;
        }));
    }

    private DurablesModel shown() throws Exception {
        bus.durables().put(DurablesModelTest.billing(41, 3));
        bus.durables().put(workers(500));
        DurablesModel model = new DurablesModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC());
        show(model);
        FxTestExtension.runFx(model::refresh);
        return model;
    }

    private static DurableInfo workers(long position) {
        return DurablesOnSharedBusModelTest.workers(position);
    }

    @Test
    void pickingADurableShowsItsFiguresAndTheyFollowEachRead(FxRobot robot) throws Exception {
        DurablesModel model = shown();
        @SuppressWarnings("unchecked")
        TableView<DurableInfo> table = robot.lookup("#durables-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup("node-a 3 · node-b 3").tryQuery()).as("claims column on a shared bus").isPresent();

        robot.clickOn("workers");

        assertThat(robot.lookup("#durables-detail-title").queryLabeled().getText()).isEqualTo("workers");
        assertThat(robot.lookup("Claimed by node-a").tryQuery()).isPresent();
        assertThat(robot.lookup("500").tryQuery()).isPresent();

        bus.durables().put(workers(777));
        FxTestExtension.runFx(model::refresh);

        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(workers(777));
        assertThat(model.selectedProperty().get()).isEqualTo(workers(777));
        assertThat(robot.lookup(".durables-detail-value").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("777").doesNotContain("500");

        // Sorted as a click on the header sorts (the robot's click on a header did not sort here, headless).
        FxTestExtension.runFx(() -> {
            TableColumn<DurableInfo, ?> position = table.getColumns().stream()
                    .filter(column -> column.getText().equals("Position")).findFirst().orElseThrow();
            position.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(position));
        });
        assertThat(table.getItems()).as("sorted by position, highest first").first().isEqualTo(workers(777));
        bus.durables().put(workers(800));
        FxTestExtension.runFx(model::refresh);
        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(workers(800));
    }

    @Test
    void thePickedDurablesMembersShowBelowAndItsSettingsAndLastMovesInItsDetail(FxRobot robot) throws Exception {
        shown();
        @SuppressWarnings("unchecked")
        TableView<DurableMemberRow> members = robot.lookup("#durables-members").queryAs(TableView.class);
        assertThat(members.getItems()).isEmpty();
        assertThat(robot.lookup("#durables-members-placeholder").queryLabeled().getText())
                .isEqualTo(DurablesModel.PICK_FOR_MEMBERS);
        assertThat(robot.lookup("#durables-details-scroll").query().isVisible()).as("nothing picked: the hint")
                .isFalse();

        robot.clickOn("workers");

        assertThat(robot.lookup("#durables-members-title").queryLabeled().getText())
                .isEqualTo("Members of workers on 2 nodes · 1 more not listed");
        assertThat(members.getColumns()).extracting(TableColumn::getText).startsWith("Node", "Client");
        assertThat(members.getItems()).extracting(DurableMemberRow::node, DurableMemberRow::client,
                DurableMemberRow::connection, DurableMemberRow::address, DurableMemberRow::inFlight)
                .containsExactly(tuple("node-a (here)", "worker-1", "conn-4", "10.0.0.5:41000", 3),
                        tuple("node-a (here)", "worker-2", "conn-9", "10.0.0.6:41002", 0),
                        tuple("node-b", "worker-3", "conn-2", "10.0.0.7:41010", 1));
        assertThat(robot.lookup("10.0.0.5:41000").tryQuery()).as("the member's row on screen").isPresent();
        assertThat(robot.lookup("10.0.0.7:41010").tryQuery()).as("the other node's member on screen").isPresent();
        @SuppressWarnings("unchecked")
        TableView<DurableInfo> durables = robot.lookup("#durables-table").queryAs(TableView.class);
        int row = durables.getItems().indexOf(workers(500));
        assertThat(durables.getColumns()).filteredOn(column -> List.of("Members", "In flight", "Waiting")
                .contains(column.getText())).<Object>map(column -> column.getCellData(row))
                .as("counted on both nodes").containsExactly(4L, 4L, 2L);
        assertThat(robot.lookup("#durables-details-scroll").query().isVisible()).isTrue();
        assertThat(robot.lookup(".durables-detail-label").queryAllAs(Label.class)).extracting(Label::getText)
                .containsSubsequence("On node node-a", "On node node-b", "Node here", "Members here",
                        "Last delivered", "Last ack", "Ack wait",
                        "Max deliver", "Backoff", "Max in flight");
        assertThat(robot.lookup(".durables-detail-value").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("node-a", "—", "30 s", "1 s, 5 s", "1,000");

        robot.clickOn("billing");

        assertThat(members.getItems()).extracting(DurableMemberRow::client).containsExactly("billing-agent");
    }

    @Test
    void deleteAsksFirstThenDeletesThePickedDurable(FxRobot robot) throws Exception {
        shown();
        robot.clickOn("billing");

        robot.clickOn("#durables-delete");
        assertThat(questions).hasSize(1);
        assertThat(questions.getFirst()).startsWith("Delete durable 'billing'?");
        assertThat(bus.durables().list()).as("declined").hasSize(2);

        answer = true;
        robot.clickOn("#durables-delete");

        assertThat(bus.durables().list()).extracting(DurableInfo::name).containsExactly("workers");
        assertThat(robot.lookup("#durables-notice").queryLabeled().getText()).isEqualTo("Deleted durable billing");
        assertThat(robot.lookup("#durables-table").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#durables-delete").queryButton().isDisabled()).as("nothing picked").isTrue();
    }

    @Test
    void aDeleteTheBrokerRefusesIsShownInTheView(FxRobot robot) throws Exception {
        shown();
        bus.durables().admin(false);
        answer = true;
        robot.clickOn("billing");

        robot.clickOn("#durables-delete");

        Label error = robot.lookup("#durables-action-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("forbidden").contains("admin permission");
        assertThat(bus.durables().list()).hasSize(2);
    }

    @Test
    void anUnreachableBrokerIsShownAboveAnEmptyTable(FxRobot robot) throws Exception {
        bus.durables().failWith(new KmbException(ErrorCode.UNAVAILABLE, "connection refused"));
        DurablesModel model = new DurablesModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC());
        show(model);
        FxTestExtension.runFx(model::refresh);

        assertThat(robot.lookup("#durables-error").queryLabeled().getText())
                .isEqualTo("Reading the durables failed: unavailable: connection refused");
        assertThat(robot.lookup("#durables-placeholder").queryLabeled().getText()).isEqualTo(DurablesModel.UNREACHABLE);
    }

    @Test
    void whileShownItReadsOnATimerAndStopsWhenItLeavesTheScreen(FxRobot robot) throws Exception {
        DurablesModel model = new DurablesModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC(),
                Duration.ofMillis(100));
        DurablesView view = show(model);
        bus.durables().put(workers(500));

        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> model.durables().size() == 1);

        FxTestExtension.runFx(() -> view.getScene().setRoot(new Pane()));
        int reads = bus.durables().reads();
        Thread.sleep(500);
        assertThat(bus.durables().reads()).as("no reads once off screen").isEqualTo(reads);
    }
}
