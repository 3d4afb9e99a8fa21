package ai.kind.kmb.app;

import ai.kind.kmb.ui.feed.FeedLimits;
import ai.kind.kmb.ui.shell.ShellView;
import ai.kind.kmb.ui.studio.Studio;
import ai.kind.kmb.ui.studio.StudioEnvironment;
import ai.kind.kmb.ui.support.UiExecutors;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The main window: the Studio's shell on a stage, connected to the embedded broker at first. */
final class StudioWindow implements AutoCloseable {
    static final double WIDTH = 1440;
    static final double HEIGHT = 900;

    private final Studio studio;
    private final UiExecutors executors;
    private Stage stage;

    StudioWindow(EmbeddedStartup.Started started, StudioOptions options) {
        this.executors = UiExecutors.fx();
        this.studio = new Studio(new StudioEnvironment(new StudioConnector(started.broker()), options.configDirectory(),
                FeedLimits.defaults(), Clock.systemDefaultZone(), executors, started.notice(), started.broker().url(),
                started.run()));
    }

    Studio studio() {
        return studio;
    }

    /** Builds the scene on {@code target} and starts the traffic. Call on the FX thread. */
    Scene show(Stage target) {
        this.stage = target;
        ShellView shell = studio.buildShell(this::hide);
        Scene scene = new Scene(shell, WIDTH, HEIGHT);
        ShellView.applyTheme(scene, studio.themes());
        target.setTitle("KMB Studio");
        target.setScene(scene);
        StartupProbe.fromSystemProperties().ifPresent(probe -> probe.watch(scene, this::hide));
        target.show();
        studio.start();
        return scene;
    }

    private void hide() {
        if (stage != null) {
            stage.hide();
        }
    }

    @Override
    public void close() {
        studio.close();
        executors.close();
    }
}
