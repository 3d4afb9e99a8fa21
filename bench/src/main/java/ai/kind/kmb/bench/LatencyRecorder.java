package ai.kind.kmb.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-handler latency of a fixed-rate publisher, for subscribers that get its messages in
 * publish order: a subscriber's n-th delivery is message n, so its latency is the delivery time
 * minus message n's send time, and no message needs to carry a timestamp or an id to be matched.
 * The first {@code warmup} messages are delivered but not recorded.
 *
 * <p>Each subscriber must call {@link #received} from one thread at a time (every client measured
 * here delivers a subscription's messages one by one); it then writes only its own counter and
 * histogram, so nothing is shared between subscribers.
 */
public final class LatencyRecorder {
    /** Longs between two subscribers' counters, so that no two share a cache line. */
    private static final int STRIDE = 16;
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);

    private final long[] sendTimes;
    private final Histogram[] histograms;
    private final long[] counts;
    private final int warmup;
    private final CountDownLatch done;

    public LatencyRecorder(int subscribers, int total, int warmup) {
        this.sendTimes = new long[total];
        this.histograms = new Histogram[subscribers];
        this.counts = new long[subscribers * STRIDE];
        this.warmup = warmup;
        this.done = new CountDownLatch(subscribers);
        for (int i = 0; i < subscribers; i++) {
            histograms[i] = new Histogram(HIGHEST, 3);
        }
    }

    /**
     * Calls {@code publish} with 0, 1, 2, ... at {@code rate} a second until every message is sent,
     * taking each send time just before the call. Sleeps between sends rather than spinning: a
     * spinning publisher would take one of two cores from the system under test.
     */
    public void publishAtRate(int rate, IntConsumer publish) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int k = 0; k < sendTimes.length; k++) {
            long due = start + k * interval;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            sendTimes[k] = System.nanoTime();
            publish.accept(k);
        }
    }

    /** One delivery to {@code subscriber}, in publish order. */
    public void received(int subscriber) {
        long now = System.nanoTime();
        int n = (int) counts[subscriber * STRIDE]++;
        if (n >= sendTimes.length) {
            return;
        }
        if (n >= warmup) {
            histograms[subscriber].recordValue(Math.min(now - sendTimes[n], HIGHEST));
        }
        if (n + 1 == sendTimes.length) {
            done.countDown();
        }
    }

    /** True once every subscriber had every message; false when {@code patience} ran out first. */
    public boolean await(Duration patience) throws InterruptedException {
        return done.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What each subscriber received so far, for a report of lost messages. */
    public String received() {
        long[] seen = new long[histograms.length];
        Arrays.setAll(seen, i -> counts[i * STRIDE]);
        return Arrays.toString(seen) + " of " + sendTimes.length;
    }

    /** Every subscriber's recorded latencies together, in nanoseconds. */
    public Histogram merged() {
        Histogram merged = new Histogram(HIGHEST, 3);
        for (Histogram histogram : histograms) {
            merged.add(histogram);
        }
        return merged;
    }
}
