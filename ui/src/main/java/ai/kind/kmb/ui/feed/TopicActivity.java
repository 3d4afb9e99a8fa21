package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/**
 * One topic's totals since the feed started, counted on the bus thread for every message received,
 * shown or not: the topic tree's counts are exact even when the list drops for display.
 */
public record TopicActivity(String topic, long received, Instant lastReceivedAt, Envelope last) {
}
