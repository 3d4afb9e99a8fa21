package ai.kind.kmb.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.themes.StudioTheme;
import ai.kind.kmb.ui.testing.FxTestExtension;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.feather.Feather;
import org.testfx.api.FxRobot;

@ExtendWith(FxTestExtension.class)
class ShellViewTest {
    private final NavigationModel navigation = new NavigationModel();
    private final ThemeModel themes = new ThemeModel(StudioTheme.PRIMER_LIGHT, theme -> { });
    private final AtomicInteger quits = new AtomicInteger();

    @BeforeEach
    void show() throws Exception {
        ViewRegistry registry = new ViewRegistry(navigation);
        registry.register(new Destination("first", "First", "the first view"), Feather.ACTIVITY,
                () -> new Label("first view"));
        registry.register(new Destination("second", "Second", "the second view"), Feather.LINK,
                () -> new Label("second view"));
        for (int n = 3; n <= 11; n++) {
            String id = "view-" + n;
            registry.register(new Destination(id, "View " + n, "view number " + n), Feather.BOX,
                    () -> new Label(id));
        }
        FxTestExtension.show(() -> new ShellView(registry, themes, new Label("status"), quits::incrementAndGet));
    }

    @Test
    void railButtonsSwitchViews(FxRobot robot) {
        assertThat(shownText(robot)).isEqualTo("first view");

        robot.clickOn("#nav-second");

        assertThat(navigation.current().id()).isEqualTo("second");
        assertThat(shownText(robot)).isEqualTo("second view");
    }

    @Test
    void shortcutDigitsSwitchViewsAndShortcutTTogglesTheme(FxRobot robot) {
        robot.clickOn("#nav-first");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        assertThat(navigation.current().id()).isEqualTo("second");

        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        assertThat(themes.theme()).isEqualTo(StudioTheme.PRIMER_DARK);

        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        assertThat(quits).hasValue(1);
    }

    @Test
    void shortcutZeroReachesTheTenthViewAndViewsPastItHaveNoShortcut(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);

        assertThat(navigation.current().id()).isEqualTo("view-10");
        assertThat(shownText(robot)).isEqualTo("view-10");
        String zero = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN).getDisplayText();
        assertThat(robot.lookup("#nav-view-10").queryAs(ToggleButton.class).getTooltip().getText())
                .isEqualTo("view number 10 (" + zero + ")");
        assertThat(robot.lookup("#nav-view-11").queryAs(ToggleButton.class).getTooltip().getText())
                .isEqualTo("view number 11");
    }

    private static String shownText(FxRobot robot) {
        StackPane content = robot.lookup("#shell-content").queryAs(StackPane.class);
        return ((Label) content.getChildren().getFirst()).getText();
    }
}
