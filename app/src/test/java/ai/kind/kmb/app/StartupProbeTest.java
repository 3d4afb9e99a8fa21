package ai.kind.kmb.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kind.kmb.ui.testing.FxTestExtension;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FxTestExtension.class)
class StartupProbeTest {
    @Test
    void isOffUnlessAskedAndInExitModeClosesAfterTheFirstFrame() throws Exception {
        assertThat(StartupProbe.fromSystemProperties()).isEmpty();
        System.setProperty(StartupProbe.PROPERTY, "exit");
        StartupProbe probe;
        try {
            probe = StartupProbe.fromSystemProperties().orElseThrow();
        } finally {
            System.clearProperty(StartupProbe.PROPERTY);
        }
        CountDownLatch closed = new CountDownLatch(1);

        Stage stage = FxTestExtension.stage();
        FxTestExtension.runFx(() -> {
            Scene scene = new Scene(new StackPane(new Label("first frame")), 200, 100);
            probe.watch(scene, closed::countDown);
            stage.setScene(scene);
            stage.show();
        });

        assertThat(closed.await(30, TimeUnit.SECONDS)).as("closed after the first pulse").isTrue();
        assertThat(StartupProbe.sinceStart()).endsWith(" ms");
    }
}
