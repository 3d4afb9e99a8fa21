package ai.kind.kmb.broker.stats;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages published per topic, with one-minute rates, for {@code GET /v1/topics}, the topic tree
 * and metrics. At most {@code maxTopics} topics are tracked: a client that invents a new topic per
 * message must not grow the broker's heap without bound; messages on topics past the cap are still
 * counted in {@link #untracked()} so the total stays true.
 */
public final class TopicStatistics {
    public static final int DEFAULT_MAX_TOPICS = 10_000;

    private final Clock clock;
    private final int maxTopics;
    private final Map<String, TopicCounter> topics = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder untracked = new LongAdder();

    public TopicStatistics(Clock clock, int maxTopics) {
        this.clock = clock;
        this.maxTopics = maxTopics;
    }

    /** Counts one message taken by the bus on this topic. */
    public void record(String topic) {
        published.increment();
        TopicCounter counter = topics.get(topic);
        if (counter == null) {
            // The size check races with other new topics; the cap may be passed by a few, never by many.
            if (topics.size() >= maxTopics) {
                untracked.increment();
                return;
            }
            counter = topics.computeIfAbsent(topic, t -> new TopicCounter());
        }
        counter.record(clock.instant());
    }

    /** Every tracked topic, by name. */
    public List<TopicSnapshot> snapshot() {
        var now = clock.instant();
        return topics.entrySet().stream()
                .map(entry -> entry.getValue().snapshot(entry.getKey(), now))
                .sorted(Comparator.comparing(TopicSnapshot::topic))
                .toList();
    }

    /** Messages published since start, on every topic. */
    public long published() {
        return published.sum();
    }

    /** Messages on topics beyond the cap, counted in {@link #published()} but in no topic. */
    public long untracked() {
        return untracked.sum();
    }
}
