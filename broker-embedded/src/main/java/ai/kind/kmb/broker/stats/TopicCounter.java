package ai.kind.kmb.broker.stats;

import java.time.Instant;

/**
 * Counts for one topic: a running total plus one bucket per second over the last minute, so the
 * rate is a true one-minute average rather than a decaying guess. Synchronized: a publish touches
 * one counter for a few nanoseconds, far below the cost of the publish itself.
 */
final class TopicCounter {
    static final int WINDOW_SECONDS = 60;

    private final long[] bucketCounts = new long[WINDOW_SECONDS];
    private final long[] bucketSeconds = new long[WINDOW_SECONDS];
    private long count;
    private Instant lastPublished;

    synchronized void record(Instant now) {
        long second = now.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        if (bucketSeconds[slot] != second) {
            bucketSeconds[slot] = second;
            bucketCounts[slot] = 0;
        }
        bucketCounts[slot]++;
        count++;
        lastPublished = now;
    }

    synchronized TopicSnapshot snapshot(String topic, Instant now) {
        long second = now.getEpochSecond();
        long inWindow = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            long age = second - bucketSeconds[i];
            if (age >= 0 && age < WINDOW_SECONDS) {
                inWindow += bucketCounts[i];
            }
        }
        return new TopicSnapshot(topic, count, inWindow / (double) WINDOW_SECONDS, lastPublished);
    }
}
