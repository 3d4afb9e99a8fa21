package ai.kind.kmb.remote;

import java.time.Instant;
import java.util.List;

/**
 * A topic the server has seen since it started: messages published to it, the average rate over the
 * last minute (messages per second) and when it last had one.
 */
public record TopicStats(String topic, long count, double rate1m, Instant lastPublished) {

    /**
     * The answer of {@code GET /v1/topics}. {@code untracked} is non-zero when more topics appeared
     * than the server tracks, so the list is not complete.
     */
    public record Listing(List<TopicStats> topics, long published, long untracked) {
        public Listing {
            topics = List.copyOf(topics);
        }
    }
}
