package ai.kind.kmb.ui.feed;

import java.util.List;

/** What one drain took: arrivals in delivery order, and every topic whose totals moved since the last drain. */
public record Drained(List<Arrival> arrivals, List<TopicActivity> activity) {
    public static final Drained EMPTY = new Drained(List.of(), List.of());
}
