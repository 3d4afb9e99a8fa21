package ai.kind.kmb.replay;

import java.time.Instant;

/**
 * A snapshot of a replay. {@code published} counts messages the bus acknowledged, {@code skipped}
 * those that could not be replayed (unreadable source lines, topics that break the rules under
 * the target), {@code failed} those the bus refused. {@code total} is how many the source holds
 * for this replay, or {@link #UNKNOWN} until known. {@code position} is the receive time of the
 * last message handled (null before the first); {@code failure} says why a FAILED replay stopped.
 */
public record ReplayProgress(String id, ReplayState state, long published, long skipped, long failed, long total,
                             Instant position, String failure) {
    public static final long UNKNOWN = -1;

    /** Messages dealt with one way or another. */
    public long handled() {
        return published + skipped + failed;
    }
}
