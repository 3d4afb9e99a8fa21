package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Envelope;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ephemeral frames from other nodes, taken off the transport's thread (Lettuce's event loop, the
 * notifier) and decoded and routed in arrival order on one thread of their own. The queue is
 * bounded: ephemeral delivery is at most once, so past {@value #CAPACITY} waiting frames the newest
 * are dropped, counted and logged rather than growing the heap.
 */
final class LiveInbound implements AutoCloseable {
    static final int CAPACITY = 16_384;
    private static final Logger LOG = LoggerFactory.getLogger(LiveInbound.class);

    private final String nodeId;
    private final RemoteTraffic traffic;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    LiveInbound(String nodeId, RemoteTraffic traffic) {
        this.nodeId = nodeId;
        this.traffic = traffic;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CAPACITY),
                Thread.ofVirtual().name("kmb-cluster-inbound").factory());
    }

    /** Never blocks. */
    void accept(String frame) {
        try {
            executor.execute(() -> route(frame));
        } catch (RejectedExecutionException e) {
            long count = dropped.incrementAndGet();
            if (count == 1 || count % 1_000 == 0) {
                LOG.warn("node {}: {} ephemeral messages from other nodes dropped: routing falls behind", nodeId, count);
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void route(String frame) {
        try {
            Envelope message = LiveFrames.decodeFromOthers(nodeId, frame);
            if (message != null) {
                traffic.ephemeral(message);
            }
        } catch (RuntimeException e) {
            LOG.warn("node {}: an ephemeral frame from another node could not be routed: {}", nodeId, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
