package ai.kind.kmb.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Latency histograms (nanoseconds) as Markdown cells in microseconds, and ratios between two of them. */
public final class Percentiles {
    /** The percentiles every latency table shows, before the maximum. */
    public static final double[] SHOWN = {50, 90, 99, 99.9};
    public static final String HEADER = "p50 | p90 | p99 | p99.9 | max";

    private Percentiles() {
    }

    /** {@code " 12.3 | 45.6 | ... |"}: the shown percentiles and the maximum, in µs. */
    public static String cells(Histogram histogram) {
        StringBuilder row = new StringBuilder();
        for (double percentile : SHOWN) {
            row.append(micros(histogram.getValueAtPercentile(percentile))).append(" |");
        }
        return row.append(micros(histogram.getMaxValue())).append(" |").toString();
    }

    /** The subject's percentile over the peer's: above 1, the subject is slower. */
    public static double ratio(Histogram subject, Histogram peer, double percentile) {
        return (double) subject.getValueAtPercentile(percentile) / peer.getValueAtPercentile(percentile);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, " %,.1f", nanos / 1000.0);
    }
}
