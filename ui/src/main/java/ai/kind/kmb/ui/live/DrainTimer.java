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

    /** Ticks closer together than this are skipped. */
    private static final long MIN_GAP_NANOS = 40_000_000;

    private final Timeline timeline;
    private long lastTick;

    public DrainTimer(TrafficDrain drain, Clock clock) {
        timeline = new Timeline(new KeyFrame(PERIOD, e -> {
            // After a stall a Timeline replays every key frame it missed, one after the other in
            // the same pulse; those extra drains would only make the stall longer.
            long now = System.nanoTime();
            if (now - lastTick >= MIN_GAP_NANOS) {
                lastTick = now;
                drain.tick(clock.instant());
            }
        }));
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
