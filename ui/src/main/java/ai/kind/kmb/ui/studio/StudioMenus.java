package ai.kind.kmb.ui.studio;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menus of the live traffic features, with the shortcuts docs/studio.md lists. */
final class StudioMenus {
    private StudioMenus() {
    }

    static Menu traffic(Studio studio) {
        Menu menu = new Menu("_Traffic");
        menu.getItems().addAll(
                item("Find topic…", "menu-find-topic", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                        studio::focusTopicFilter),
                item("Pause or resume display", "menu-pause",
                        new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                        () -> studio.messages().togglePaused()),
                item("Follow newest message", "menu-follow",
                        new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN),
                        () -> studio.messages().followProperty().set(true)),
                item("Clear message list", "menu-clear", new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN),
                        () -> studio.messages().clear()));
        return menu;
    }

    static Menu message(Studio studio) {
        Menu menu = new Menu("_Message");
        MenuItem json = item("Copy as JSON", "menu-copy-json",
                new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                studio::copySelectedAsJson);
        MenuItem kmbctl = item("Copy as kmbctl command", "menu-copy-kmbctl",
                new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                studio::copySelectedAsKmbctl);
        json.disableProperty().bind(studio.inspector().canCopyProperty().not());
        kmbctl.disableProperty().bind(studio.inspector().canCopyProperty().not());
        menu.getItems().addAll(json, kmbctl);
        return menu;
    }

    private static MenuItem item(String text, String id, KeyCombination shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(shortcut);
        item.setOnAction(e -> action.run());
        return item;
    }
}
