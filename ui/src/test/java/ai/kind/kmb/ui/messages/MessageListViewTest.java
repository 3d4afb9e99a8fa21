package ai.kind.kmb.ui.messages;

import static ai.kind.kmb.ui.testing.Messages.display;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.Messages;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class MessageListViewTest {
    private final MessageListModel model = new MessageListModel(1_000);

    @BeforeEach
    void show() throws Exception {
        model.append(IntStream.rangeClosed(1, 3)
                .mapToObj(n -> display(Messages.event("kmb.agent.lifecycle", n), n)).toList());
        FxTestExtension.show(() -> new MessageListView(model));
    }

    @Test
    void clickingARowSelectsItForTheInspectorAndStopsFollowing(FxRobot robot) {
        robot.clickOn("id-2");

        assertThat(model.selectedProperty().get().id()).isEqualTo("id-2");
        assertThat(model.followProperty().get()).isFalse();
    }

    @Test
    void rowsArriveInBatchesAndTheTopicFilterApplies(FxRobot robot) throws Exception {
        FxTestExtension.runFx(() -> model.append(List.of(display(Messages.event("agent.health.heartbeat", 4), 4))));
        assertThat(table(robot).getItems()).hasSize(4);

        FxTestExtension.runFx(() -> model.topicFilterProperty().set(topic -> topic.startsWith("agent.")));

        assertThat(table(robot).getItems()).extracting(DisplayMessage::id).containsExactly("id-4");
    }

    @Test
    void pauseAndClearButtonsDriveTheModel(FxRobot robot) {
        robot.clickOn("#pause-display");
        assertThat(model.pausedProperty().get()).isTrue();
        assertThat(robot.lookup("#pause-display").queryLabeled().getText()).isEqualTo("Resume");

        robot.clickOn("#clear-messages");
        assertThat(table(robot).getItems()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static TableView<DisplayMessage> table(FxRobot robot) {
        return robot.lookup("#message-table").queryAs(TableView.class);
    }
}
