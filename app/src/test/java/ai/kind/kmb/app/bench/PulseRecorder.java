package ai.kind.kmb.app.bench;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Records the time between FX pulses. A pulse is when JavaFX lays out and paints; a long gap
 * means the FX thread was busy (or blocked) and the window froze for that long.
 */
final class PulseRecorder extends AnimationTimer {
    private long[] gaps = new long[1 << 16];
    private int count;
    private long last;
    private volatile boolean recording;

    @Override
    public void handle(long now) {
        if (recording && last != 0 && count < gaps.length) {
            gaps[count++] = now - last;
        }
        last = now;
    }

    void record(boolean on) {
        recording = on;
    }

    /** Called on the FX thread once recording stopped. */
    Summary summary() {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        gaps = new long[1 << 16];
        count = 0;
        return new Summary(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** Pulse gaps in milliseconds. */
    record Summary(int pulses, double p50, double p99, double max) {
    }
}
