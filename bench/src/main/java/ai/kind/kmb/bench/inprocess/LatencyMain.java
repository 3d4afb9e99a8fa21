package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.bench.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-delivery latency at a fixed rate well below saturation, for KMB and the same peers as
 * {@link FanOutBenchmark}, printed as a Markdown table. Not a JMH benchmark: JMH times the caller,
 * while this needs the time from one thread's publish to another thread's delivery.
 *
 * <p>Each subscriber gets messages in publish order, so its n-th delivery is message n and its
 * latency is the delivery time minus message n's send time. Send time is taken just before the
 * publish call; none of the peers blocks in publish, so no waiting is hidden from the figures.
 *
 * <p>System properties: {@code kmb.latency.rate} (messages per second, default 10000),
 * {@code kmb.latency.warmup} and {@code kmb.latency.seconds} (default 3 and 5). Arguments name the
 * fan-outs to run (default all, KMB first: the ratios compare it to the others).
 */
public final class LatencyMain {
    private static final int SUBSCRIBERS = FanOutBenchmark.SUBSCRIBERS;
    private static final int STRIDE = 16;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private LatencyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rate = Integer.getInteger("kmb.latency.rate", 10_000);
        int warmup = Integer.getInteger("kmb.latency.warmup", 3);
        int seconds = Integer.getInteger("kmb.latency.seconds", 5);
        List<String> names = args.length > 0 ? List.of(args) : List.of("kmb", "queue", "queue-virtual", "vertx");
        Map<String, Histogram> results = new LinkedHashMap<>();
        for (String name : names) {
            results.put(name, measure(name, rate, rate * warmup, rate * seconds));
        }
        print(rate, seconds, results);
    }

    private static Histogram measure(String name, int rate, int warmupCount, int measuredCount)
            throws InterruptedException {
        int total = warmupCount + measuredCount;
        Recorder recorder = new Recorder(total, warmupCount);
        try (FanOut fanOut = FanOut.create(name, SUBSCRIBERS, total, recorder)) {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (int k = 0; k < total; k++) {
                long due = start + k * interval;
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    // Sleeping, not spinning: a spinning publisher would take one of two cores.
                    LockSupport.parkNanos(due - now);
                }
                recorder.sendTimes[k] = System.nanoTime();
                fanOut.publish(Workload.event());
            }
            if (!recorder.done.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": not every message arrived; dropped " + fanOut.dropped());
            }
        }
        Histogram merged = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (Histogram histogram : recorder.histograms) {
            merged.add(histogram);
        }
        return merged;
    }

    private static void print(int rate, int seconds, Map<String, Histogram> results) {
        System.out.printf(Locale.ROOT, "%nPublish-to-delivery latency, %d msg/s for %d s, %d subscribers, "
                + "microseconds (lower is better)%n%n", rate, seconds, SUBSCRIBERS);
        System.out.println("| fan-out | p50 | p90 | p99 | p99.9 | max |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        results.forEach((name, histogram) -> {
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (double percentile : PERCENTILES) {
                row.append(micros(histogram.getValueAtPercentile(percentile))).append(" |");
            }
            System.out.println(row.append(micros(histogram.getMaxValue())).append(" |"));
        });
        List<String> names = new ArrayList<>(results.keySet());
        Histogram subject = results.get(names.getFirst());
        System.out.printf(Locale.ROOT, "%n| %s / peer | p50 | p99 | p99.9 |%n|---|---:|---:|---:|%n", names.getFirst());
        for (String peer : names.subList(1, names.size())) {
            Histogram other = results.get(peer);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", peer,
                    ratio(subject, other, 50), ratio(subject, other, 99), ratio(subject, other, 99.9));
        }
    }

    private static double ratio(Histogram subject, Histogram peer, double percentile) {
        return (double) subject.getValueAtPercentile(percentile) / peer.getValueAtPercentile(percentile);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, " %.1f", nanos / 1000.0);
    }

    /** Each subscriber writes only its own histogram and counter, so none of this is shared. */
    private static final class Recorder implements FanOut.Sink {
        final long[] sendTimes;
        final Histogram[] histograms = new Histogram[SUBSCRIBERS];
        final CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        private final long[] counts = new long[SUBSCRIBERS * STRIDE];
        private final int warmupCount;

        Recorder(int total, int warmupCount) {
            this.sendTimes = new long[total];
            this.warmupCount = warmupCount;
            for (int i = 0; i < SUBSCRIBERS; i++) {
                histograms[i] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            }
        }

        @Override
        public void received(int subscriber, Envelope message) {
            long now = System.nanoTime();
            int n = (int) counts[subscriber * STRIDE]++;
            if (n >= warmupCount) {
                histograms[subscriber].recordValue(Math.min(now - sendTimes[n], histograms[subscriber]
                        .getHighestTrackableValue()));
            }
            if (n + 1 == sendTimes.length) {
                done.countDown();
            }
        }
    }
}
