package ai.kind.kmb.ui.live;

import java.time.Clock;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Runs {@link TrafficDrain#tick} on the FX thread every 50 ms: the "at most ~20 times a second" of
 * the design. A Timeline rather than an AnimationTimer because the latter fires on every pulse
 * (60 a second or more), which would take smaller batches three times as often for nothing.
 */
public final class DrainTimer implements AutoCloseable {
    public static final Duration PERIOD = Duration.millis(50);

    private final Timeline timeline;

    public DrainTimer(TrafficDrain drain, Clock clock) {
        timeline = new Timeline(new KeyFrame(PERIOD, e -> drain.tick(clock.instant())));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    public void start() {
        timeline.play();
    }

    @Override
    public void close() {
        timeline.stop();
    }
}
