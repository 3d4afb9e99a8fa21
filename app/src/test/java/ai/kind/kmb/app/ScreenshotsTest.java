package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.app.demo.DemoAgents;
import ai.kind.kmb.broker.ratelimit.LimitMode;
import ai.kind.kmb.broker.ratelimit.LimitSpec;
import ai.kind.kmb.broker.ratelimit.RateLimitConfig;
import ai.kind.kmb.broker.ratelimit.TopicLimit;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.ui.connect.EmbeddedBrokerSettings;
import ai.kind.kmb.ui.testing.FxTestExtension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --screenshot} path end to end, on the headless platform: broker, demo agents, window, PNGs. */
@ExtendWith(FxTestExtension.class)
class ScreenshotsTest {
    @TempDir
    Path data;
    @TempDir
    Path config;
    @TempDir
    Path shots;

    @Test
    void writesEveryViewInLightAndDarkAsPngs() throws Exception {
        StudioOptions options = new StudioOptions(data, config, 0, true, shots);
        EmbeddedStartup.Started started = EmbeddedStartup.start(EmbeddedFlags.NONE, EmbeddedBrokerSettings.DEFAULTS,
                data, 0, Optional.of(Path.of("..", "sample-topics")));
        try (EmbeddedBroker broker = started.broker();
             BusConnection agents = broker.connect();
             DemoAgents demo = new DemoAgents(agents, 1).start()) {
            // A limit far above the demo's rate, so the rate limits view has a row and the demo loses nothing.
            broker.broker().rateLimits().configure(new RateLimitConfig(null, List.of(new TopicLimit(
                    TopicFilter.parse("agent.#"), new LimitSpec(1_000, 2_000, LimitMode.THROTTLE,
                    Duration.ofMillis(100))))));
            StudioWindow window = new StudioWindow(started, options);
            Scene scene = FxTestExtension.onFx(() -> window.show(new Stage()));
            try {
                List<Path> written = new Screenshots(window.studio(), scene, broker, shots).takeAll();

                assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly(
                        "live-light.png", "connect-light.png", "connect-embedded-light.png", "trace-light.png", "publish-light.png", "dlq-light.png",
                        "snapshots-light.png", "replay-light.png", "record-light.png", "limits-light.png", "registry-light.png", "durables-light.png", "inspector-truncated-light.png", "inspector-diff-light.png",
                        "live-dark.png", "connect-dark.png", "connect-embedded-dark.png", "trace-dark.png", "publish-dark.png", "dlq-dark.png",
                        "snapshots-dark.png", "replay-dark.png", "record-dark.png", "limits-dark.png", "registry-dark.png", "durables-dark.png", "inspector-truncated-dark.png", "inspector-diff-dark.png");
                for (Path file : written) {
                    BufferedImage image = ImageIO.read(file.toFile());
                    assertThat(image.getWidth()).isEqualTo((int) StudioWindow.WIDTH);
                    assertThat(image.getHeight()).isEqualTo((int) StudioWindow.HEIGHT);
                }
                assertThat(Files.size(shots.resolve("live-dark.png"))).isGreaterThan(20_000);
            } finally {
                FxTestExtension.runFx(window::close);
            }
        }
    }
}
