package ai.kind.kmb.bench.sharedbus;

import ai.kind.kmb.bench.LatencyRecorder;
import ai.kind.kmb.bench.Workload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** Publish to a durable subscriber on the same target: how many get through, and how fast. */
final class EndToEnd {
    /** A bound on lost messages, not a timing check. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Acknowledged publishes per second while a subscriber consumed, and messages it received per second. */
    record Throughput(double ackedPerSecond, double deliveredPerSecond) {
    }

    private final SharedBusSettings settings;

    EndToEnd(SharedBusSettings settings) {
        this.settings = settings;
    }

    /**
     * Publishers awaiting their acks while one durable subscriber consumes; delivered per second is
     * everything published over the time from the first publish until the subscriber had it all.
     */
    Throughput throughput(DurableTarget target) throws Exception {
        AtomicLong received = new AtomicLong();
        try (AutoCloseable subscription = target.subscribe("bench-e2e", payload -> received.incrementAndGet())) {
            long start = System.nanoTime();
            PublishLoad.Result load = new PublishLoad(target, settings.e2ePublishers()).run(Duration.ZERO,
                    settings.length());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received.get() < load.total()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the durable subscriber got " + received.get() + " of "
                            + load.total() + " acknowledged messages in " + PATIENCE.toSeconds() + " s");
                }
                Thread.sleep(2);
            }
            return new Throughput(load.perSecond(), load.total() / ((System.nanoTime() - start) / 1e9));
        }
    }

    /** Fixed-rate publishes (not awaiting acks) to one durable subscriber; publish call to handler, in ns. */
    Histogram latency(DurableTarget target) throws Exception {
        int warmup = settings.rate() * (int) settings.latencyWarmup().toSeconds();
        int total = warmup + settings.rate() * (int) settings.latencyLength().toSeconds();
        LatencyRecorder recorder = new LatencyRecorder(1, total, warmup);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ObjectNode payload = Workload.payload();
        try (AutoCloseable subscription = target.subscribe("bench-latency", message -> recorder.received(0))) {
            recorder.publishAtRate(settings.rate(), k -> target.publish(payload).whenComplete((ack, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            }));
            if (!recorder.await(PATIENCE)) {
                throw new IllegalStateException("the durable subscriber did not get every message in "
                        + PATIENCE.toSeconds() + " s: received " + recorder.received()
                        + (failure.get() == null ? "" : "; a publish failed: " + failure.get()));
            }
        }
        return recorder.merged();
    }
}
