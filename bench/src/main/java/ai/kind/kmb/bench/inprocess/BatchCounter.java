package ai.kind.kmb.bench.inprocess;

import ai.kind.kmb.Envelope;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts what each subscriber received and opens a latch once every subscriber has had a whole
 * batch. Batches never overlap (the publisher waits for one before it starts the next), so a
 * subscriber has finished batch k exactly when its count reaches k times the batch size.
 */
final class BatchCounter implements FanOut.Sink {
    /** Longs between two subscribers' counters, so that no two share a cache line. */
    private static final int STRIDE = 16;
    private static final long TIMEOUT_SECONDS = 30;

    private final int subscribers;
    private final int batch;
    private final long[] counts;
    // Set by the publisher before the batch's first message, read by a subscriber after the last:
    // the queue hand-off in between makes the new latch visible.
    private volatile CountDownLatch done;

    BatchCounter(int subscribers, int batch) {
        this.subscribers = subscribers;
        this.batch = batch;
        this.counts = new long[subscribers * STRIDE];
    }

    @Override
    public void received(int subscriber, Envelope message) {
        if (++counts[subscriber * STRIDE] % batch == 0) {
            done.countDown();
        }
    }

    /** Call before publishing a batch. */
    void expectBatch() {
        done = new CountDownLatch(subscribers);
    }

    /** Waits until every subscriber has the whole batch; a lost message fails loudly instead of hanging. */
    void awaitBatch(FanOut fanOut) throws InterruptedException {
        if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            long[] seen = new long[subscribers];
            Arrays.setAll(seen, i -> counts[i * STRIDE]);
            throw new IllegalStateException("a batch of " + batch + " did not reach every subscriber in "
                    + TIMEOUT_SECONDS + " s: received " + Arrays.toString(seen) + ", dropped " + fanOut.dropped());
        }
    }
}
