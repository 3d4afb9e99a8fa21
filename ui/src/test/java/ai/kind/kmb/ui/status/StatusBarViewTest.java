package ai.kind.kmb.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.feed.FeedCounters;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.Messages;
import javafx.css.PseudoClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class StatusBarViewTest {
    private final StatusModel model = new StatusModel();

    @BeforeEach
    void show() throws Exception {
        FxTestExtension.show(() -> new StatusBarView(model));
    }

    @Test
    void showsConnectionRateShownAndDroppedForDisplay(FxRobot robot) throws Exception {
        FxTestExtension.runFx(() -> {
            model.connection(ConnectionStatus.connected("embedded broker on http://127.0.0.1:7420"));
            model.notice("port 7420 is in use; the embedded broker listens on http://127.0.0.1:40123 instead");
            model.traffic(new FeedCounters(0, 0, 0, 0, 0, 0, 0), Messages.T0);
            model.traffic(new FeedCounters(60_000, 20_000, 39_000, 1_000, 1_000, 1_000, 0), Messages.T0.plusSeconds(1));
        });

        assertThat(text(robot, "#status-connection")).isEqualTo("embedded broker on http://127.0.0.1:7420");
        assertThat(text(robot, "#status-notice")).contains("40123");
        assertThat(text(robot, "#status-rate")).isEqualTo("61,000 msg/s");
        assertThat(text(robot, "#status-shown")).isEqualTo("shown 20,000");
        assertThat(text(robot, "#status-dropped")).isEqualTo("dropped for display 40,000");
        assertThat(robot.lookup("#status-dropped").query().getPseudoClassStates())
                .contains(PseudoClass.getPseudoClass("nonzero"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }
}
