package ai.kind.kmb.broker.ratelimit;

import java.util.List;

/**
 * The configured limits.
 *
 * @param perClient a bucket of this shape for each client (its {@code hello} client id, else its
 *                  connection); null for no client limit
 * @param topics    topic limits, checked in this order; a publish must pass every one that matches
 */
public record RateLimitConfig(LimitSpec perClient, List<TopicLimit> topics) {
    public static final RateLimitConfig NONE = new RateLimitConfig(null, List.of());

    public RateLimitConfig {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public boolean isEmpty() {
        return perClient == null && topics.isEmpty();
    }
}
