package ai.kind.kmb.dlq;

import ai.kind.kmb.TopicFilter;

/**
 * Filters for listing dead letters; null matches all. Newest death first, at most {@code limit}; a
 * limit of zero or less means no limit.
 */
public record DeadLetterQuery(DeathReason reason, TopicFilter originalTopic, int limit) {
    public static DeadLetterQuery all(int limit) {
        return new DeadLetterQuery(null, null, limit);
    }

    public boolean matches(DeadLetter letter) {
        return (reason == null || reason == letter.death().reason())
                && (originalTopic == null || originalTopic.matches(letter.death().originalTopic()));
    }
}
