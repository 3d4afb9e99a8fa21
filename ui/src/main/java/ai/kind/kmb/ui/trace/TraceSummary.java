package ai.kind.kmb.ui.trace;

import java.time.Instant;

/**
 * One line of the recent-traces list: which trace, what started it, how many messages, when last
 * seen, and whether it holds a round trip (a command or query).
 */
public record TraceSummary(String traceId, String firstTopic, int messages, Instant lastSeen, boolean roundTrip) {
}
