package ai.kind.kmb.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.FileDialogs;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.testing.Envelopes;
import ai.kind.kmb.ui.testing.FxTestExtension;
import ai.kind.kmb.ui.testing.InMemoryBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class RecordViewTest {
    private final InMemoryBus bus = new InMemoryBus();
    @TempDir
    Path directory;

    @BeforeEach
    void show() throws Exception {
        FileDialogs files = new FileDialogs() {
            @Override
            public Optional<Path> open(String title, String suggestedName) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                return Optional.of(directory.resolve("chosen.ndjson"));
            }
        };
        RecordModel model = new RecordModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC(), directory);
        FxTestExtension.show(() -> new RecordView(model, files, "Ctrl+Shift+R"));
    }

    @Test
    void theToggleRecordsToTheChosenFileAndListsIt(FxRobot robot) throws Exception {
        robot.clickOn("#record-choose");
        assertThat(robot.lookup("#record-path").queryAs(TextField.class).getText())
                .isEqualTo(directory.resolve("chosen.ndjson").toString());

        robot.clickOn("#record-toggle");
        assertThat(robot.lookup("#record-toggle").queryLabeled().getText()).isEqualTo("Stop recording");
        assertThat(robot.lookup("#record-path").queryAs(TextField.class).isDisabled()).isTrue();
        bus.publish(Envelopes.event("orders.placed", null, "p", Instant.now())).join();
        robot.clickOn("#record-toggle");

        assertThat(robot.lookup("#record-toggle").queryLabeled().getText()).isEqualTo("Record");
        assertThat(robot.lookup("#record-status").queryLabeled().getText()).startsWith("Recorded 1 messages");
        assertThat(robot.lookup("#record-finished").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(Files.readAllLines(directory.resolve("chosen.ndjson"))).hasSize(2);
    }
}
