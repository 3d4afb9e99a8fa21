package ai.kind.kmb.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.shell.SettingsStore;
import ai.kind.kmb.ui.testing.FxTestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A person choosing the embedded broker's backend in the form, saved with the other settings. */
@ExtendWith(FxTestExtension.class)
class EmbeddedSettingsViewTest {
    @TempDir
    Path config;

    private SettingsStore store;

    @BeforeEach
    void show() throws Exception {
        store = new SettingsStore(config);
        EmbeddedSettingsModel model = new EmbeddedSettingsModel(store.load().embedded(),
                settings -> store.update(s -> s.withEmbedded(settings)),
                EmbeddedRun.asSaved(EmbeddedBrokerSettings.DEFAULTS));
        FxTestExtension.show(() -> new EmbeddedSettingsView(model));
    }

    @Test
    void theUrlAndBusNameOpenOnlyForASharedBackend(FxRobot robot) {
        assertThat(robot.lookup("#embedded-url").query().isDisabled()).isTrue();

        choose(robot, "Redis");

        assertThat(robot.lookup("#embedded-url").query().isDisabled()).isFalse();
        assertThat(robot.lookup("#embedded-url").queryAs(TextField.class).getPromptText())
                .isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(robot.lookup("#embedded-bus-name").query().isDisabled()).isFalse();
    }

    @Test
    void aMalformedUrlIsShownInTheFormAndNothingIsSavedUntilItIsFixed(FxRobot robot) {
        choose(robot, "Redis");
        type(robot, "#embedded-url", "localhost:6379");
        robot.clickOn("#embedded-save");

        assertThat(robot.lookup("#embedded-error").queryLabeled().isVisible()).isTrue();
        assertThat(robot.lookup("#embedded-error").queryLabeled().getText())
                .isEqualTo("The Redis URL must look like redis://host:6379/0 (redis or rediss); got 'localhost:6379'.");
        assertThat(Files.exists(store.file())).isFalse();

        type(robot, "#embedded-url", "redis://127.0.0.1:6379/0");
        type(robot, "#embedded-bus-name", "team");
        robot.clickOn("#embedded-save");

        assertThat(robot.lookup("#embedded-error").queryLabeled().isVisible()).isFalse();
        assertThat(robot.lookup("#embedded-message").queryLabeled().getText()).startsWith("Saved.");
        assertThat(new SettingsStore(config).load().embedded()).isEqualTo(new EmbeddedBrokerSettings(
                EmbeddedBrokerSettings.Backend.REDIS, "redis://127.0.0.1:6379/0", "team", null));
    }

    private static void choose(FxRobot robot, String backend) {
        robot.clickOn("#embedded-backend").clickOn(backend);
    }

    private static void type(FxRobot robot, String field, String text) {
        robot.clickOn(field).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write(text);
    }
}
