package ai.kind.kmb.ui.feed;

import ai.kind.kmb.Envelope;
import java.time.Instant;

/**
 * A message as the feed received it. {@code sequence} orders arrivals over all topics, so a batch
 * taken topic by topic can be put back in the order the bus delivered it.
 */
public record Arrival(long sequence, Instant receivedAt, long offset, Envelope envelope) {
}
