package ai.kind.kmb.ui.trace;

import java.time.Instant;

/** One line of the recent-traces list: which trace, what started it, how many messages, when last seen. */
public record TraceSummary(String traceId, String firstTopic, int messages, Instant lastSeen) {
}
