package ai.kind.kmb.replay;

import java.util.concurrent.locks.Condition;

/**
 * Time as a replay sees it. A test supplies a clock whose {@code sleep} only moves its time
 * forward, so spacing can be checked without waiting.
 */
public interface ReplayClock {

    /** Monotonic time in nanoseconds; only differences mean anything. */
    long nanoTime();

    /**
     * Waits about {@code nanos}, or less if {@code wakeUp} is signalled (a pause or a cancel).
     * Called with the lock of {@code wakeUp} held; returning early is always allowed, the caller
     * checks the time again.
     */
    void sleep(long nanos, Condition wakeUp) throws InterruptedException;

    static ReplayClock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock: waits on the condition, so a pause or cancel ends the wait at once. */
    enum SystemClock implements ReplayClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos, Condition wakeUp) throws InterruptedException {
            wakeUp.awaitNanos(nanos);
        }
    }
}
