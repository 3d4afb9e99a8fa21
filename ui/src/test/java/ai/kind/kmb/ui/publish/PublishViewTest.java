package ai.kind.kmb.ui.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxTestExtension.class)
class PublishViewTest {
    private final InMemoryBus bus = new InMemoryBus();
    private PublishModel model;

    @BeforeEach
    void show() throws Exception {
        Responder.answer(bus, "orders.place", List.of("ACK", "DONE"), "{\"order\": 7}");
        model = new PublishModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC(), Duration.ofSeconds(5));
        FxTestExtension.show(() -> new PublishView(model));
    }

    @Test
    void sendingACommandShowsItsRepliesAndHistory(FxRobot robot) {
        robot.clickOn("#publish-topic").write("orders.place");
        robot.clickOn("#publish-type-command");
        robot.clickOn("#publish-send");

        TableView<?> replies = robot.lookup("#publish-replies").queryAs(TableView.class);
        assertThat(replies.getItems()).hasSize(2);
        assertThat(robot.lookup("#publish-outcome").queryLabeled().getText()).isEqualTo("Answered: 2 replies, last DONE");
        assertThat(robot.lookup("#publish-reply-json").queryAs(TextArea.class).getText()).contains("\"DONE\"");

        ListView<?> history = robot.lookup("#publish-history").queryAs(ListView.class);
        robot.clickOn(robot.lookup("#publish-history .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#publish-resend");
        assertThat(history.getItems()).hasSize(2);
    }

    @Test
    void noRespondersIsShownInTheErrorLine(FxRobot robot) {
        robot.clickOn("#publish-topic").write("stock.level");
        robot.clickOn("#publish-type-query");
        robot.clickOn("#publish-payload").press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);

        assertThat(robot.lookup("#publish-error").queryLabeled().getText()).startsWith("No responders");
        assertThat(robot.lookup("#publish-error").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void theTemplateButtonsKeepTheirWholeNamesWhenTheViewIsNarrow(FxRobot robot) throws Exception {
        Node view = robot.lookup("#publish-topic").query();
        FxTestExtension.runFx(() -> view.getScene().getWindow().setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : List.of("#publish-template", "#publish-schema-template")) {
            Button button = robot.lookup(id).queryButton();
            assertThat(FxTestExtension.onFx(() -> button.getWidth() >= button.prefWidth(-1) - 0.5)).as(id).isTrue();
        }
    }
}
