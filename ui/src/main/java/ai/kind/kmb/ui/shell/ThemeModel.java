package ai.kind.kmb.ui.shell;

import ai.kind.kmb.themes.StudioTheme;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The current look. Every change is handed to {@code remember} so the choice survives a restart. */
public final class ThemeModel {
    private final ReadOnlyObjectWrapper<StudioTheme> theme;

    public ThemeModel(StudioTheme initial, Consumer<StudioTheme> remember) {
        this.theme = new ReadOnlyObjectWrapper<>(initial);
        theme.addListener((obs, old, now) -> remember.accept(now));
    }

    // ---- properties

    public ReadOnlyObjectProperty<StudioTheme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public StudioTheme theme() {
        return theme.get();
    }

    // ---- commands

    public void use(StudioTheme next) {
        theme.set(next);
    }

    /** Light to dark and back within the same family (Primer, Nord). */
    public void toggleDark() {
        theme.set(theme.get().counterpart());
    }
}
