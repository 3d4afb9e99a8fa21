package ai.kind.kmb.broker.net;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's work in arrival order, one task at a time, on a virtual thread that exists
 * only while there is work. Frames are handled here, never on a Netty event loop, because handling
 * may wait (a durable subscribe reads the store; publishes in flight are bounded by a semaphore).
 * The queue itself is bounded by the transport, which stops reading while {@link #backlog()} is high.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor threads;

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            threads.execute(this::drain);
        }
    }

    /** Tasks queued or running. */
    int backlog() {
        return pending.get();
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("connection task failed; the connection goes on", e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
