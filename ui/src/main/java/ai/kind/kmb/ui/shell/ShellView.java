package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's frame: menu bar, navigation rail with one button per registered view, the current
 * view in the middle and the status bar at the bottom. It only builds nodes and binds to
 * {@link NavigationModel} and {@link ThemeModel}; features add their own menus with {@link #addMenu}.
 */
public final class ShellView extends BorderPane {
    /** The n-th view's shortcut key, in keyboard order: 0 sits after 9, so Ctrl+0 is the tenth view. */
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
        KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9, KeyCode.DIGIT0};

    private final ViewRegistry registry;
    private final ThemeModel themes;
    private final MenuBar menuBar = new MenuBar();
    private final Menu viewMenu = new Menu("_View");
    private final VBox rail = new VBox();
    private final StackPane content = new StackPane();
    private final ToggleGroup railGroup = new ToggleGroup();

    public ShellView(ViewRegistry registry, ThemeModel themes, Node statusBar, Runnable quit) {
        this.registry = registry;
        this.themes = themes;
        getStyleClass().add("studio-root");
        rail.getStyleClass().add("nav-rail");
        rail.setId("nav-rail");
        content.setId("shell-content");

        MenuItem quitItem = new MenuItem("_Quit");
        quitItem.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quitItem.setOnAction(e -> quit.run());
        Menu fileMenu = new Menu("_File");
        fileMenu.getItems().add(quitItem);
        menuBar.getMenus().addAll(fileMenu, viewMenu);

        registry.entries().forEach(this::addNavigation);
        addThemeItems();

        setTop(menuBar);
        setLeft(rail);
        setCenter(content);
        setBottom(statusBar);
        registry.navigation().currentProperty().addListener((obs, old, now) -> show(now));
        show(registry.navigation().current());
    }

    /** Adds a feature's menu before the View menu (File, features..., View). */
    public void addMenu(Menu menu) {
        menuBar.getMenus().add(menuBar.getMenus().size() - 1, menu);
    }

    /** Puts the theme's stylesheets on a scene now and whenever the theme changes. */
    public static void applyTheme(Scene scene, ThemeModel themes) {
        applyTheme(scene, themes.theme());
        themes.themeProperty().addListener((obs, old, now) -> applyTheme(scene, now));
    }

    private static void applyTheme(Scene scene, StudioTheme theme) {
        // AtlantaFX replaces Modena as the user-agent sheet, which is process-wide in JavaFX.
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
        scene.getStylesheets().setAll(theme.studioStylesheets());
    }

    private void addNavigation(ViewRegistry.Entry entry) {
        Destination destination = entry.destination();
        int index = registry.navigation().destinations().indexOf(destination);
        ToggleButton button = new ToggleButton(destination.title(), new FontIcon(entry.icon()));
        button.setId("nav-" + destination.id());
        button.setToggleGroup(railGroup);
        button.setFocusTraversable(false);
        String shortcut = index < DIGITS.length ? " (" + shortcutText(index) + ")" : "";
        button.setTooltip(new Tooltip(destination.description() + shortcut));
        button.setOnAction(e -> {
            registry.navigation().go(destination.id());
            // A toggle clicked twice must stay selected: the rail always shows where we are.
            button.setSelected(true);
        });
        rail.getChildren().add(button);

        MenuItem item = new MenuItem(destination.title());
        if (index < DIGITS.length) {
            item.setAccelerator(new KeyCodeCombination(DIGITS[index], KeyCombination.SHORTCUT_DOWN));
        }
        item.setOnAction(e -> registry.navigation().go(destination.id()));
        viewMenu.getItems().add(item);
    }

    private void addThemeItems() {
        if (!viewMenu.getItems().isEmpty()) {
            viewMenu.getItems().add(new SeparatorMenuItem());
        }
        MenuItem toggle = new MenuItem("Toggle _light/dark theme");
        toggle.setId("toggle-theme");
        toggle.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN));
        toggle.setOnAction(e -> themes.toggleDark());
        Menu themeMenu = new Menu("_Theme");
        ToggleGroup group = new ToggleGroup();
        for (StudioTheme theme : StudioTheme.values()) {
            RadioMenuItem item = new RadioMenuItem(theme.title());
            item.setToggleGroup(group);
            item.setSelected(theme == themes.theme());
            item.setOnAction(e -> themes.use(theme));
            themes.themeProperty().addListener((obs, old, now) -> item.setSelected(now == theme));
            themeMenu.getItems().add(item);
        }
        viewMenu.getItems().addAll(toggle, themeMenu);
    }

    private void show(Destination destination) {
        if (destination == null) {
            Label empty = new Label("No views are registered.");
            empty.getStyleClass().add("empty-state");
            content.getChildren().setAll(empty);
            return;
        }
        content.getChildren().setAll(registry.view(destination.id()));
        railGroup.getToggles().stream()
                .filter(toggle -> ("nav-" + destination.id()).equals(((ToggleButton) toggle).getId()))
                .findFirst()
                .ifPresent(toggle -> toggle.setSelected(true));
    }

    private static String shortcutText(int index) {
        return new KeyCodeCombination(DIGITS[index], KeyCombination.SHORTCUT_DOWN).getDisplayText();
    }
}
