package ai.kind.kmb.broker.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How much history a store keeps: messages older than {@code maxAge}, and the oldest messages
 * beyond {@code maxBytes} of payload, are deleted. Null or non-positive means no limit.
 * {@code topicMaxAges} gives single topics (exact names, as the registry describes them) an age of
 * their own; where it is longer than {@code maxAge} the whole log's age still wins, since that is
 * what bounds the disk.
 */
public record RetentionPolicy(Duration maxAge, long maxBytes, Map<String, Duration> topicMaxAges) {
    public static final RetentionPolicy UNLIMITED = new RetentionPolicy(null, 0);

    public RetentionPolicy {
        topicMaxAges = Map.copyOf(Objects.requireNonNull(topicMaxAges, "topicMaxAges"));
    }

    public RetentionPolicy(Duration maxAge, long maxBytes) {
        this(maxAge, maxBytes, Map.of());
    }

    public RetentionPolicy withTopicMaxAges(Map<String, Duration> ages) {
        return new RetentionPolicy(maxAge, maxBytes, ages);
    }

    /** Whether the whole log has an age limit. */
    public boolean limitsAge() {
        return maxAge != null && maxAge.isPositive();
    }

    /**
     * For each topic whose own age is shorter than the whole log's (or the log has none), the
     * receive time before which its messages go at {@code now}; in topic order, so every pass and
     * every node walks the topics alike.
     */
    public Map<String, Instant> topicCutoffs(Instant now) {
        Map<String, Instant> cutoffs = new TreeMap<>();
        topicMaxAges.forEach((topic, age) -> {
            if (ownAgeApplies(age)) {
                cutoffs.put(topic, now.minus(age));
            }
        });
        return cutoffs;
    }

    /** Whether a message is gone from the log after a pass. */
    @FunctionalInterface
    public interface Removed {
        boolean test(long offset, String topic, Instant receivedAt);
    }

    /**
     * What a pass at {@code now} removed, given the log's first offset after it: everything before
     * that offset (age and size trim the head), and whatever is past its topic's own age. A
     * message whose receive time is unknown (null) is judged by its offset alone.
     */
    public Removed removedBy(Instant now, long firstOffsetLeft) {
        Map<String, Instant> cutoffs = topicCutoffs(now);
        return (offset, topic, receivedAt) -> {
            if (offset < firstOffsetLeft) {
                return true;
            }
            Instant cutoff = cutoffs.get(topic);
            return cutoff != null && receivedAt != null && receivedAt.isBefore(cutoff);
        };
    }

    /** Whether this policy limits anything, so that a pass is worth running (a store's own limits aside). */
    public boolean limitsAnything() {
        return limitsAge() || maxBytes > 0 || topicMaxAges.values().stream().anyMatch(this::ownAgeApplies);
    }

    private boolean ownAgeApplies(Duration age) {
        return age.isPositive() && (!limitsAge() || age.compareTo(maxAge) < 0);
    }
}
