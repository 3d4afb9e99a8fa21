package ai.kind.kmb.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * Works out when each message is due. Times are measured from an anchor (a moment on the clock
 * and a receive time in the source) rather than from the previous publish, so the time publishing
 * takes does not add up into drift. A pause or a step drops the anchor; the next message is then
 * timed from the moment of resuming, keeping its gap to the message before it.
 */
final class Pacer {
    private final double factor;
    private boolean anchored;
    private long anchorNanos;
    private Instant anchorTime;
    private Instant lastTime;

    Pacer(ReplaySpeed speed) {
        this.factor = switch (speed) {
            case ReplaySpeed.Paced paced -> paced.factor();
            case ReplaySpeed.AsFastAsPossible fast -> 0;
        };
    }

    /** Nanoseconds still to wait, at {@code now}, before the message received at {@code time} is due. */
    long delay(Instant time, long now) {
        if (factor == 0) {
            return 0;
        }
        if (!anchored) {
            anchored = true;
            anchorNanos = now;
            anchorTime = lastTime == null ? time : lastTime;
        }
        double due = nanosBetween(anchorTime, time) / factor;
        double elapsed = now - anchorNanos;
        // Out-of-order receive times give a negative delay: such a message is due at once.
        return (long) Math.max(0, Math.min(Long.MAX_VALUE, due - elapsed));
    }

    /** The message received at {@code time} was handed to the bus. */
    void sent(Instant time) {
        lastTime = time;
    }

    void reset() {
        anchored = false;
    }

    private static double nanosBetween(Instant from, Instant to) {
        Duration gap = Duration.between(from, to);
        return gap.getSeconds() * 1e9 + gap.getNano();
    }
}
