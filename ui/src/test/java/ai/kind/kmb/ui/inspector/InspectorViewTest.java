package ai.kind.kmb.ui.inspector;

import static ai.kind.kmb.ui.testing.Messages.display;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.Json;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.Messages;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxTestExtension.class)
class InspectorViewTest {
    private final MessageListModel messages = new MessageListModel(100);
    private final InspectorModel model = new InspectorModel(messages, 16_384);
    private InspectorView view;

    @BeforeEach
    void show() throws Exception {
        view = FxTestExtension.show(() -> new InspectorView(model));
    }

    @Test
    void showsTheSelectedMessageAsStyledJson(FxRobot robot) throws Exception {
        select(display(Messages.command("kmb.agent.command.fetch", "id-1", Json.object().put("url", "x")), 1));

        JsonArea area = view.jsonArea();
        assertThat(area.getText()).contains("\"url\": \"x\"");
        int key = area.getText().indexOf("\"url\"");
        assertThat(area.getStyleAtPosition(key + 1)).containsExactly(JsonLayout.KEY);
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).startsWith("kmb.agent.command.fetch");
    }

    @Test
    void theGutterArrowFoldsAndUnfoldsABlock(FxRobot robot) throws Exception {
        select(display(Messages.command("kmb.agent.command.fetch", "id-1", Json.object().put("url", "x")), 1));
        int payloadLine = lineOf("\"payload\"");

        robot.clickOn("#fold-" + payloadLine);
        assertThat(view.jsonArea().isFoldedAt(payloadLine)).isTrue();

        robot.clickOn("#fold-" + payloadLine);
        assertThat(view.jsonArea().isFoldedAt(payloadLine)).isFalse();
    }

    @Test
    void copyButtonsPutJsonAndTheKmbctlCommandOnTheClipboard(FxRobot robot) throws Exception {
        select(display(Messages.event("notes", "id-1", Json.object().put("text", "hi")), 1));

        robot.clickOn("#copy-kmbctl");
        assertThat(FxTestExtension.onFx(() -> Clipboard.getSystemClipboard().getString()))
                .isEqualTo("kmbctl publish notes '{\"text\":\"hi\"}' --type event");

        robot.clickOn("#copy-json");
        assertThat(FxTestExtension.onFx(() -> Clipboard.getSystemClipboard().getString())).contains("\"id\" : \"id-1\"");
    }

    @Test
    void aTruncatedPayloadShowsTheBannerAndDisablesCopying(FxRobot robot) throws Exception {
        select(display(Messages.event("big", "id-1", Json.object().put("text", "x".repeat(20_000))), 1));

        assertThat(robot.lookup("#truncation-banner").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#copy-json").queryButton().isDisabled()).isTrue();
        assertThat(view.jsonArea().getText()).endsWith("… truncated for display after 16 KB");
    }

    @Test
    void aLongTitleGivesWayAndTheCopyButtonsKeepTheirWholeText(FxRobot robot) throws Exception {
        select(display(Messages.event("kmb.agent.memory.embedding.with.a.rather.long.topic.name", "id-1",
                Json.object().put("text", "hi")), 1));
        FxTestExtension.runFx(() -> view.getScene().getWindow().setWidth(520));
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : List.of("#copy-json", "#copy-kmbctl")) {
            Button button = robot.lookup(id).queryButton();
            assertThat(FxTestExtension.onFx(() -> button.getWidth() >= button.prefWidth(-1) - 0.5)).as(id).isTrue();
        }
        Label title = robot.lookup("#inspector-title").queryAs(Label.class);
        assertThat(FxTestExtension.onFx(() -> title.getWidth() < title.prefWidth(-1))).isTrue();
    }

    private void select(DisplayMessage message) throws Exception {
        FxTestExtension.runFx(() -> {
            messages.append(List.of(message));
            messages.selectedProperty().set(message);
        });
    }

    private int lineOf(String text) {
        String[] lines = view.jsonArea().getText().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " is not shown");
    }
}
