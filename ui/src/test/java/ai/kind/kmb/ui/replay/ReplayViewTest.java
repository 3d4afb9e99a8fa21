package ai.kind.kmb.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.recording.RecordingHeader;
import ai.kind.kmb.recording.RecordingWriter;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.FileDialogs;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(FxTestExtension.class)
class ReplayViewTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    @TempDir
    Path directory;
    private Path file;

    @BeforeEach
    void show() throws Exception {
        file = directory.resolve("traffic.ndjson");
        try (RecordingWriter writer = RecordingWriter.create(file, RecordingHeader.of("test", "#", T0))) {
            for (int i = 0; i < 4; i++) {
                writer.write(T0.plusMillis(i), i + 1, Envelopes.event("orders.placed", null, "p", T0));
            }
        }
        FileDialogs files = new FileDialogs() {
            @Override
            public Optional<Path> open(String title, String suggestedName) {
                return Optional.of(file);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                return Optional.empty();
            }
        };
        // Callbacks on the FX thread, as in the app, so the poller and the bindings see one thread.
        UiExecutors executors = new UiExecutors(Platform::runLater, UiExecutors.daemonPool("replay-test", 1));
        ReplayModel model = new ReplayModel(CurrentConnection.of(bus), executors, Clock.systemUTC());
        FxTestExtension.show(() -> new ReplayView(model, files));
    }

    @Test
    void opensARecordingAndReplaysItToTheEnd(FxRobot robot) throws Exception {
        robot.clickOn("#replay-open");
        assertThat(robot.lookup("#replay-recording").queryAs(TextField.class).getText()).isEqualTo(file.toString());
        robot.doubleClickOn("#replay-speed").write("max");
        robot.clickOn("#replay-durable");
        robot.clickOn("#replay-start");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#replay-progress").queryLabeled().getText()
                .startsWith("done"));
        assertThat(robot.lookup("#replay-progress").queryLabeled().getText()).startsWith("done · 4 of 4 · published 4");
        assertThat(bus.lastOffset()).isEqualTo(4);
        assertThat(robot.lookup("#replay-start").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aStoredRangeWithABadTimeIsRefusedInTheErrorLine(FxRobot robot) {
        robot.clickOn("#replay-source-range");
        robot.clickOn("#replay-from").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("yesterday");
        robot.clickOn("#replay-start");

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#replay-error").queryLabeled().getText())
                .startsWith("Replay options: 'yesterday' is not a time");
    }
}
