package ai.kind.kmb.broker.cluster;

import java.time.Duration;

/**
 * The waits of a loop that retries against a server that is away: 50 ms, doubling up to 2 s, back
 * to 50 ms once it succeeds. One per loop thread; not shared.
 */
final class Backoff {
    private static final Duration FIRST = Duration.ofMillis(50);
    private static final Duration MAX = Duration.ofSeconds(2);

    private Duration next = FIRST;

    /** Sleeps for the next wait; false when interrupted (the flag is set again), so the loop should end. */
    boolean pause() {
        try {
            Thread.sleep(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return true;
    }

    void reset() {
        next = FIRST;
    }

    /** Interrupts a loop thread and waits a while for it to end. */
    static void stop(Thread thread) {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
