package ai.kind.kmb.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the embedded broker, then JavaFX, then the window; waits for the window to close and stops
 * everything in reverse. With {@code --screenshot} JavaFX runs on its headless platform instead.
 */
final class StudioLauncher {
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
        Path dataDirectory = dataDirectory();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDirectory, options.port())) {
            System.out.println("KMB Studio: embedded broker listening on " + broker.url());
            broker.notice().ifPresent(notice -> System.out.println("KMB Studio: " + notice));
            CountDownLatch closed = new CountDownLatch(1);
            Platform.setImplicitExit(false);
            Platform.startup(() -> {
                Stage stage = new Stage();
                StudioWindow window = new StudioWindow(broker, options);
                window.show(stage);
                stage.setOnHidden(e -> {
                    window.close();
                    closed.countDown();
                });
            });
            closed.await();
            Platform.exit();
        }
        return 0;
    }

    private Path dataDirectory() throws IOException {
        if (options.dataDirectory() != null) {
            return options.dataDirectory();
        }
        // Screenshots must not write into the person's real broker log.
        return options.screenshots() ? Files.createTempDirectory("kmb-studio-screenshot")
                : StudioOptions.defaultDataDirectory();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
