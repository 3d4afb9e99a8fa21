package ai.kind.kmb.ui.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A trace laid out for drawing: one lane per agent in order of first appearance, and the bars.
 *
 * @param laneRows how many rows each lane has: one per round trip it started, at least one
 * @param start    time of the trace's first message; every bar's start counts from here
 * @param span     first message to last message or reply
 * @param messages distinct messages in the trace
 */
public record TraceTimeline(String traceId, Instant start, Duration span, List<String> lanes, List<Integer> laneRows,
                            List<TraceBar> bars, int messages) {
    public TraceTimeline {
        lanes = List.copyOf(lanes);
        laneRows = List.copyOf(laneRows);
        bars = List.copyOf(bars);
    }

    public int rows() {
        return laneRows.stream().mapToInt(Integer::intValue).sum();
    }

    public long roundTrips() {
        return bars.stream().filter(b -> b.kind() == TraceBar.Kind.ROUND_TRIP).count();
    }
}
