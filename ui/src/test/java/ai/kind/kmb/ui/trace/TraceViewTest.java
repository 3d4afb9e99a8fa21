package ai.kind.kmb.ui.trace;

import static ai.kind.kmb.ui.testing.Envelopes.event;
import static ai.kind.kmb.ui.testing.Envelopes.reply;
import static ai.kind.kmb.ui.testing.Envelopes.request;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.MessageType;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.time.Instant;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxTestExtension.class)
class TraceViewTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    private TraceModel model;

    @BeforeEach
    void show() throws Exception {
        bus.store(T0, request(MessageType.COMMAND, "orders.place", "trace-view-1", "c1", "_inbox.p", "planner", T0));
        bus.store(T0, reply("_inbox.p", "trace-view-1", "c1", "ACK", "orders", T0.plusMillis(3)));
        bus.store(T0, reply("_inbox.p", "trace-view-1", "c1", "DONE", "orders", T0.plusMillis(120)));
        model = new TraceModel(CurrentConnection.of(bus), UiExecutors.direct());
        FxTestExtension.show(() -> new TraceView(model));
    }

    @Test
    void searchDrawsTheWaterfallAndClickingTheBarInspectsIt(FxRobot robot) {
        robot.clickOn("#trace-search").write("trace-view-1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        Rectangle bar = robot.lookup(".trace-bar").queryAs(Rectangle.class);
        assertThat(bar.getStyleClass()).contains("outcome-ok");
        assertThat(robot.lookup(".trace-reply").queryAll()).hasSize(2);
        assertThat(robot.lookup(".trace-lane-name").queryAll()).hasSize(2);

        robot.clickOn(bar);

        assertThat(robot.lookup("#trace-detail").queryAs(TextArea.class).getText())
                .contains("\"topic\" : \"orders.place\"").contains("(DONE)");
        assertThat(robot.lookup(".trace-bar").queryAs(Rectangle.class).getStyleClass()).contains("selected");
    }

    @Test
    void pickingARecentTraceShowsIt(FxRobot robot) {
        robot.clickOn("#trace-refresh");
        robot.clickOn("orders.place\ntrace-view-1 · 3 msgs · " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(java.time.ZoneId.systemDefault()).format(T0.plusMillis(120)));

        assertThat(model.timelineProperty().get().traceId()).isEqualTo("trace-view-1");
        assertThat(robot.lookup(".trace-bar").queryAll()).hasSize(1);
    }

    @Test
    void theRoundTripsOnlyToggleHidesAndShowsOneMessageTraces(FxRobot robot) {
        bus.store(T0, event("agent.health.heartbeat", "heartbeat-1", "worker-1", T0.plusSeconds(1)));
        robot.clickOn("#trace-refresh");
        ListView<?> recent = robot.lookup("#trace-recent").queryAs(ListView.class);
        CheckBox toggle = robot.lookup("#trace-round-trips-only").queryAs(CheckBox.class);

        assertThat(toggle.isSelected()).isTrue();
        assertThat(recent.getItems()).extracting(item -> ((TraceSummary) item).traceId()).containsExactly("trace-view-1");

        robot.clickOn(toggle);

        assertThat(model.roundTripsOnlyProperty().get()).isFalse();
        assertThat(recent.getItems()).extracting(item -> ((TraceSummary) item).traceId())
                .containsExactly("heartbeat-1", "trace-view-1");

        robot.clickOn(toggle);
        assertThat(recent.getItems()).hasSize(1);
    }

    @Test
    void anUnknownTraceIsSaidInTheErrorLine(FxRobot robot) {
        robot.clickOn("#trace-search").write("missing");
        robot.clickOn("#trace-show");

        assertThat(robot.lookup("#trace-error").queryLabeled().getText()).contains("No message with trace id missing");
        assertThat(robot.lookup("#trace-error").queryLabeled().isVisible()).isTrue();
    }
}
