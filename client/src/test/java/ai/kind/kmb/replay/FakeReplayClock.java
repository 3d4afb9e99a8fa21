package ai.kind.kmb.replay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/** A clock whose time moves only when a replay sleeps or the test advances it. */
final class FakeReplayClock implements ReplayClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos, Condition wakeUp) {
        now.addAndGet(nanos);
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
