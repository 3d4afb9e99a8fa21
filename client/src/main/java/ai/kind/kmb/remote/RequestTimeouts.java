package ai.kind.kmb.remote;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The time-outs of one client's requests, kept by one virtual thread instead of a timer per
 * request: it sleeps until the earliest deadline it knows, fails what is overdue, and sleeps again;
 * while nothing is due it looks once every {@link #IDLE_LOOK}. A request whose deadline comes before
 * the planned wake-up wakes the thread; the usual request, with the same time-out as those before
 * it, costs a look at two fields.
 */
final class RequestTimeouts implements AutoCloseable {
    static final Duration IDLE_LOOK = Duration.ofSeconds(1);

    /** Something holding requests with deadlines: a session. */
    interface Watched {
        /**
         * Fails the requests due at or before {@code now}; returns the earliest deadline of those left,
         * or {@code horizon} if none comes before it (all {@link System#nanoTime()} values).
         */
        long expire(long now, long horizon);
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** When the thread will look next; read by every request, written once per look. */
    private volatile long wakeAt;
    /** True while the thread looks: a deadline added meanwhile may have been missed, so it must wake it. */
    private volatile boolean looking = true;
    private volatile boolean closed;

    RequestTimeouts() {
        this.thread = Thread.ofVirtual().name("kmb-remote-timeouts").start(this::run);
    }

    void watch(Watched requests) {
        watched.add(requests);
    }

    void forget(Watched requests) {
        watched.remove(requests);
    }

    /** Call after the request with this deadline is where {@link Watched#expire} finds it. */
    void added(long deadline) {
        if (looking || deadline - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            looking = true;
            long now = System.nanoTime();
            long earliest = now + IDLE_LOOK.toNanos();
            for (Watched requests : watched) {
                earliest = requests.expire(now, earliest);
            }
            // In this order: a request that sees looking cleared also sees the new plan.
            wakeAt = earliest;
            looking = false;
            LockSupport.parkNanos(this, Math.max(0, earliest - System.nanoTime()));
        }
    }

    /** Stops the thread; requests still waiting are failed by their sessions closing, not here. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
