package ai.kind.kmb.broker.ratelimit;

import java.util.concurrent.locks.LockSupport;

/** How a throttled publish waits for its token; tests pass one that moves their clock instead. */
@FunctionalInterface
public interface Pause {
    /** Parks the calling thread, a virtual one on the network paths, for at least the given time. */
    Pause PARK = nanos -> {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    };

    void pause(long nanos);
}
