package ai.kind.kmb.remote;

import ai.kind.kmb.topics.TopicSnapshot;
import java.util.List;

/**
 * The answer of {@code GET /v1/topics}: the topics the server has seen since it started.
 * {@code untracked} is non-zero when more topics appeared than the server tracks, so the list is
 * not complete.
 */
public record TopicListing(List<TopicSnapshot> topics, long published, long untracked) {
    public TopicListing {
        topics = List.copyOf(topics);
    }
}
