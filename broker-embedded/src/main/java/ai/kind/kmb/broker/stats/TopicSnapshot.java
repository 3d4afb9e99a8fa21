package ai.kind.kmb.broker.stats;

import java.time.Instant;

/**
 * One topic as seen since the broker started: messages published to it, its average rate over
 * the last minute (messages per second), and when it last had a message.
 */
public record TopicSnapshot(String topic, long count, double ratePerSecond, Instant lastPublished) {
}
