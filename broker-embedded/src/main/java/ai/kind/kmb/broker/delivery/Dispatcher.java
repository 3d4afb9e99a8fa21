package ai.kind.kmb.broker.delivery;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one virtual thread that takes work from a queue and runs it, one item at a time and in
 * order. Whatever the work throws is logged and the loop goes on: one bad handler never stops its
 * subscription, let alone the broker.
 */
final class Dispatcher<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(2);

    private final BlockingQueue<T> queue;
    private final Consumer<T> work;
    private final Thread thread;
    private volatile boolean closed;
    private final AtomicLong handled = new AtomicLong();

    Dispatcher(String name, BlockingQueue<T> queue, Consumer<T> work) {
        this.queue = queue;
        this.work = work;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    BlockingQueue<T> queue() {
        return queue;
    }

    private void run() {
        while (!closed) {
            T item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                work.accept(item);
            } catch (RuntimeException | Error e) {
                LOG.warn("{}: delivery work failed; the subscription goes on", thread.getName(), e);
            } finally {
                handled.incrementAndGet();
            }
        }
    }

    /**
     * Waits until as many items have been handled as the caller put in the queue, or the timeout
     * passes. Counting, rather than looking at the queue, also covers the item already taken but
     * not yet handed to the work. The caller must have stopped feeding the queue first.
     */
    void awaitHandled(LongSupplier accepted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handled.get() < accepted.getAsLong() && System.nanoTime() < deadline && thread.isAlive()) {
            LockSupport.parkNanos(IDLE_POLL.toNanos());
        }
    }

    /** Stops after the item in hand, if any; items still queued are not run. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }
}
