package ai.kind.kmb.bench.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Counts what each subscriber received and opens a latch once every subscriber has had the whole
 * batch. Batches never overlap (the publisher waits for one before it starts the next), so a
 * subscriber has finished the batch when its count reaches the total published so far.
 */
final class Batches implements PubSub.Sink {
    /** Longs between two subscribers' counters, so that no two share a cache line. */
    private static final int STRIDE = 16;

    private final int subscribers;
    private final long[] counts;
    // Set by the publisher before a batch's first message, read by a subscriber after the last:
    // the trip through the server in between makes both visible.
    private volatile long expected;
    private volatile CountDownLatch done;

    Batches(int subscribers) {
        this.subscribers = subscribers;
        this.counts = new long[subscribers * STRIDE];
    }

    @Override
    public void received(int subscriber, Supplier<JsonNode> payload) {
        if (++counts[subscriber * STRIDE] == expected) {
            done.countDown();
        }
    }

    /** Call before publishing a batch of {@code size}. */
    void expect(int size) {
        done = new CountDownLatch(subscribers);
        expected += size;
    }

    /** True once every subscriber has the batch; false when a message was lost or {@code patience} ran out. */
    boolean await(Duration patience) throws InterruptedException {
        return done.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What each subscriber received so far against what was published, for a report of lost messages. */
    String received() {
        long[] seen = new long[subscribers];
        Arrays.setAll(seen, i -> counts[i * STRIDE]);
        return Arrays.toString(seen) + " of " + expected;
    }
}
