package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.Workload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishers that each publish durably and wait for the acknowledgement before publishing again,
 * so the number of publishers is the number of publishes in flight, for every target alike.
 */
final class PublishLoad {
    /** A bound on a lost acknowledgement, not a timing check. */
    private static final long PATIENCE_SECONDS = 30;

    /**
     * What a load achieved: publishes acknowledged while measured, over {@code nanos}; and every
     * publish acknowledged from the start to the last publisher's stop, which a subscriber must get.
     */
    record Result(long acked, long nanos, long total) {
        double perSecond() {
            return acked / (nanos / 1e9);
        }
    }

    private final DurableTarget target;
    private final int publishers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean counting = new AtomicBoolean();
    private final LongAdder acked = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    PublishLoad(DurableTarget target, int publishers) {
        this.target = target;
        this.publishers = publishers;
    }

    /** Runs unrecorded for {@code warmup}, then counts acknowledgements for {@code length}. */
    Result run(Duration warmup, Duration length) throws InterruptedException {
        ObjectNode payload = Workload.payload();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            threads.add(Thread.ofPlatform().name("durable-publisher-" + i).start(() -> publishUntilStopped(payload)));
        }
        long started;
        long ended;
        try {
            Thread.sleep(warmup);
            counting.set(true);
            started = System.nanoTime();
            Thread.sleep(length);
            counting.set(false);
            ended = System.nanoTime();
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed: " + failure.get(), failure.get());
        }
        return new Result(acked.sum(), ended - started, total.sum());
    }

    private void publishUntilStopped(ObjectNode payload) {
        try {
            while (running.get()) {
                target.publish(payload).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                total.increment();
                if (counting.get()) {
                    acked.increment();
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            running.set(false);
        }
    }
}
