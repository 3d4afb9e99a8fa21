package ai.kind.kmb.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ai.kind.kmb.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What a bench run measured. Throughputs count from the first publish to the last acknowledgement
 * (published) or the last delivery (received); latencies are in microseconds.
 */
record BenchReport(BenchSettings settings, long published, long failed, long received, Duration publishTime,
                   Duration receiveTime, Latency endToEnd, Latency acknowledgement, Throwable firstFailure) {

    /** Percentiles of one latency, in microseconds; all zero when nothing was measured. */
    record Latency(long p50, long p90, long p99, long p999, long max, double mean) {
        static Latency of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                    histogram.getMean());
        }

        String text() {
            return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s", ms(p50), ms(p90), ms(p99),
                    ms(p999), ms(max));
        }

        ObjectNode json() {
            return Json.object().put("p50", p50).put("p90", p90).put("p99", p99).put("p99_9", p999).put("max", max)
                    .put("mean", Math.round(mean * 10) / 10.0);
        }

        private static String ms(long micros) {
            return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
        }
    }

    long lost() {
        return Math.max(0, published - received);
    }

    double publishRate() {
        return rate(published, publishTime);
    }

    double receiveRate() {
        return rate(received, receiveTime);
    }

    List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "bench: %d messages of about %d bytes, %d publisher%s, %s, %s, topic %s",
                        settings.count(), settings.size(), settings.publishers(), settings.publishers() == 1 ? "" : "s",
                        settings.rate() > 0 ? "rate " + Math.round(settings.rate()) + " msg/s" : "rate unlimited",
                        settings.durable() ? "durable" : "ephemeral", settings.topic()),
                String.format(Locale.ROOT, "published  %d in %.3f s: %.0f msg/s (%d failed)", published,
                        seconds(publishTime), publishRate(), failed),
                String.format(Locale.ROOT, "received   %d in %.3f s: %.0f msg/s (%d lost)", received,
                        seconds(receiveTime), receiveRate(), lost()),
                "latency publish to receive (ms): " + endToEnd.text(),
                "latency publish to ack (ms):     " + acknowledgement.text());
    }

    ObjectNode json() {
        ObjectNode node = Json.object().put("count", settings.count()).put("size", settings.size())
                .put("publishers", settings.publishers()).put("rate", settings.rate())
                .put("durable", settings.durable()).put("topic", settings.topic())
                .put("published", published).put("failed", failed).put("received", received).put("lost", lost())
                .put("publish_seconds", Math.round(seconds(publishTime) * 1000) / 1000.0)
                .put("receive_seconds", Math.round(seconds(receiveTime) * 1000) / 1000.0)
                .put("publish_rate", Math.round(publishRate())).put("receive_rate", Math.round(receiveRate()));
        node.set("latency_us", endToEnd.json());
        node.set("ack_latency_us", acknowledgement.json());
        return node;
    }

    private static double rate(long count, Duration time) {
        return time.isZero() ? 0 : count / seconds(time);
    }

    private static double seconds(Duration time) {
        return time.toNanos() / 1e9;
    }
}
