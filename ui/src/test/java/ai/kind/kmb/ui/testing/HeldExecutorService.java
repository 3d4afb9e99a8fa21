package ai.kind.kmb.ui.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Background work that waits until the test lets it run, on the test's thread: for models whose
 * behaviour depends on a call still being under way when the next one is asked for.
 */
public final class HeldExecutorService extends AbstractExecutorService {
    private final Deque<Runnable> held = new ArrayDeque<>();
    private boolean shutdown;

    @Override
    public synchronized void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        held.add(command);
    }

    /** How many tasks wait. */
    public synchronized int waiting() {
        return held.size();
    }

    /** Runs the oldest waiting task; it may hold new ones. */
    public void runNext() {
        Runnable next;
        synchronized (this) {
            if (held.isEmpty()) {
                throw new IllegalStateException("no task is waiting");
            }
            next = held.poll();
        }
        next.run();
    }

    @Override
    public void shutdown() {
        shutdownNow();
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = List.copyOf(held);
        held.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
