package ai.kind.kmb.ui.trace;

import java.time.Duration;
import java.util.Locale;

/** Durations as a person reads them on a timeline: 850 µs, 12 ms, 1.4 s, 2 min 5 s. */
final class Durations {
    private Durations() {
    }

    static String format(Duration duration) {
        long micros = duration.toNanos() / 1_000;
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
        }
        if (micros < 1_000_000) {
            return micros / 1_000 + " ms";
        }
        if (micros < 60_000_000) {
            return String.format(Locale.ROOT, "%.1f s", micros / 1_000_000.0);
        }
        long seconds = duration.toSeconds();
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
