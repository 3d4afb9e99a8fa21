package ai.kind.kmb.ui.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.dlq.DeathReason;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class DeadLetterViewTest {
    private static final Instant T0 = Instant.parse("2025-06-20T15:42:00Z");
    private final InMemoryBus bus = new InMemoryBus();
    private final List<String> questions = new ArrayList<>();
    private boolean answer;
    @TempDir
    Path directory;

    @BeforeEach
    void show() throws Exception {
        bus.letters().add(Envelopes.event("ingest.document", null, "ingest", T0), DeathReason.MAX_DELIVERIES, T0,
                "parser crashed");
        bus.letters().add(Envelopes.event("orders.place", null, "p", T0), DeathReason.EXPIRED, T0.plusSeconds(1), null);
        DeadLetterModel model = new DeadLetterModel(CurrentConnection.of(bus), UiExecutors.direct(), Clock.systemUTC());
        FileDialogs files = new FileDialogs() {
            @Override
            public Optional<Path> open(String title, String suggestedName) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                return Optional.of(directory.resolve(suggestedName));
            }
        };
        FxTestExtension.show(() -> new DeadLetterView(model, files, question -> {
            questions.add(question);
            return answer;
        }));
        FxTestExtension.runFx(model::refresh);
    }

    @Test
    void selectingALetterShowsItAndRequeueSendsItBack(FxRobot robot) {
        robot.clickOn("max_deliveries (1)");
        TableView<?> table = robot.lookup("#dlq-letters").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        robot.clickOn("parser crashed");

        assertThat(robot.lookup("#dlq-detail").queryAs(TextArea.class).getText()).contains("// reason: max_deliveries");
        assertThat(robot.lookup("#dlq-editor").queryAs(TextArea.class).getText()).contains("\"ingest.document\"");

        robot.clickOn("#dlq-requeue");

        assertThat(robot.lookup("#dlq-status").queryLabeled().getText())
                .isEqualTo("Requeued 1 letter to their original topics");
        assertThat(bus.letters().size()).isEqualTo(1);
    }

    @Test
    void purgeAsksFirstAndExportWritesTheChosenFile(FxRobot robot) throws Exception {
        robot.clickOn("#dlq-export");
        assertThat(robot.lookup("#dlq-status").queryLabeled().getText()).startsWith("Exported 2 letters to ");
        assertThat(Files.readAllLines(directory.resolve("dead-letters.ndjson"))).hasSize(3);

        robot.clickOn("#dlq-purge");
        assertThat(questions).containsExactly("Purge 2 dead letters? They cannot be brought back.");
        assertThat(bus.letters().size()).as("declined").isEqualTo(2);

        answer = true;
        robot.clickOn("#dlq-purge");
        assertThat(bus.letters().size()).isZero();
        assertThat(robot.lookup("#dlq-status").queryLabeled().getText()).isEqualTo("Purged 2 letters");
    }
}
