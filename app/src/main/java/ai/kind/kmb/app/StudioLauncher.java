package ai.kind.kmb.app;

import ai.kind.kmb.app.demo.DemoAgents;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.connect.ConnectionProfile;
import ai.kind.kmb.ui.connect.ProfileStore;
import ai.kind.kmb.ui.shell.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Starts the embedded broker, the demo agents if asked, then JavaFX and the window; waits for the
 * window to close (or the screenshots to be written) and stops everything in reverse order.
 */
final class StudioLauncher {
    private static final long DEMO_SEED = 7420;

    private final StudioOptions options;

    StudioLauncher(StudioOptions options) {
        this.options = options;
    }

    int run() throws Exception {
        if (options.screenshots()) {
            // Must be set before the toolkit starts; an explicit -D on the command line still wins.
            setIfAbsent("glass.platform", "Headless");
            setIfAbsent("prism.order", "sw");
        }
        StudioOptions resolved = resolve();
        // Screenshots use a fresh config folder, so the saved settings are the defaults: never a shared bus.
        EmbeddedStartup.Started started = EmbeddedStartup.start(resolved.embedded(),
                new SettingsStore(resolved.configDirectory()).load().embedded(), resolved.dataDirectory(),
                resolved.port(), StudioRegistry.locate(System.getenv(), Path.of("").toAbsolutePath()));
        try (EmbeddedBroker broker = started.broker();
             BusConnection demoConnection = broker.connect();
             DemoAgents demo = new DemoAgents(demoConnection, DEMO_SEED)) {
            System.out.println("KMB Studio: embedded broker listening on " + broker.url());
            started.remarks().forEach(remark -> System.out.println("KMB Studio: " + remark));
            if (resolved.demo() || resolved.screenshots()) {
                demo.start();
            }
            Platform.setImplicitExit(false);
            CountDownLatch toolkit = new CountDownLatch(1);
            try {
                Platform.startup(toolkit::countDown);
            } catch (UnsupportedOperationException noDisplay) {
                System.err.println("KMB Studio: cannot open a window (" + noDisplay.getMessage() + "). Run it on a "
                        + "desktop, or use --screenshot DIR to render the views without a display.");
                return 1;
            }
            toolkit.await();
            StudioWindow window = new StudioWindow(started, resolved);
            CountDownLatch closed = new CountDownLatch(1);
            Scene scene = FxCalls.call(() -> {
                Stage stage = new Stage();
                stage.setOnHidden(e -> closed.countDown());
                return window.show(stage);
            });
            try {
                if (resolved.screenshots()) {
                    new Screenshots(window.studio(), scene, broker, resolved.screenshotDir()).takeAll();
                } else {
                    closed.await();
                }
            } finally {
                FxCalls.run(window::close);
                Platform.exit();
            }
        }
        return 0;
    }

    /** Screenshots run in temporary folders: they must not touch the person's broker log or settings. */
    private StudioOptions resolve() throws IOException {
        Path data = options.dataDirectory();
        Path config = options.configDirectory();
        if (options.screenshots()) {
            data = data != null ? data : Files.createTempDirectory("kmb-studio-data");
            config = Files.createTempDirectory("kmb-studio-config");
            // A saved remote profile, so that the Connect view shows what remote profiles look like today.
            new ProfileStore(config).save(List.of(ConnectionProfile.remote("staging", "https://kmb.staging.example:7420",
                    "eyJhbGciOiJFZERTQSJ9.demo", null)));
        }
        // Screenshots never join a shared bus: their demo traffic would reach everyone on it.
        return new StudioOptions(data != null ? data : StudioOptions.defaultDataDirectory(), config, options.port(),
                options.demo(), options.screenshotDir(), options.screenshots() ? EmbeddedFlags.NONE : options.embedded());
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
