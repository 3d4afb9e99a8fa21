package ai.kind.kmb.app;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.shell.NavigationModel;
import ai.kind.kmb.ui.shell.SettingsStore;
import ai.kind.kmb.ui.shell.ShellView;
import ai.kind.kmb.ui.shell.ThemeModel;
import ai.kind.kmb.ui.shell.ViewRegistry;
import ai.kind.kmb.ui.status.StatusBarView;
import ai.kind.kmb.ui.status.StatusModel;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The main window: the shell with its status bar, on the embedded broker's connection. */
final class StudioWindow implements AutoCloseable {
    private final BusConnection connection;
    private final ShellView shell;
    private final ThemeModel themes;
    private Stage stage;

    StudioWindow(EmbeddedBroker broker, StudioOptions options) {
        this.connection = broker.connect();
        SettingsStore settings = new SettingsStore(options.configDirectory());
        this.themes = new ThemeModel(settings.load().theme(), theme -> settings.update(s -> s.withTheme(theme)));
        StatusModel status = new StatusModel();
        status.connection(connection.status());
        broker.notice().ifPresent(status::notice);
        ViewRegistry registry = new ViewRegistry(new NavigationModel());
        this.shell = new ShellView(registry, themes, new StatusBarView(status), this::hide);
    }

    void show(Stage target) {
        this.stage = target;
        Scene scene = new Scene(shell, 1400, 900);
        ShellView.applyTheme(scene, themes);
        target.setTitle("KMB Studio");
        target.setScene(scene);
        target.show();
    }

    private void hide() {
        if (stage != null) {
            stage.hide();
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
