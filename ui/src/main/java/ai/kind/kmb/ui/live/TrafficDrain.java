package ai.kind.kmb.ui.live;

import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.feed.Drained;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.feed.MessageRenderer;
import ai.kind.kmb.ui.feed.TopicActivity;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.status.StatusModel;
import ai.kind.kmb.ui.topics.TopicTreeModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one step that moves traffic from the feed to the models, run on the FX thread about 20
 * times a second by {@link DrainTimer}. Each tick takes at most {@code batchSize} messages, so its
 * cost is bounded however fast the bus runs; a paused list takes none, and the topic tree and the
 * status bar keep counting either way (they are refreshed four times a second). Without a toolkit,
 * tests call {@link #tick} themselves.
 */
public final class TrafficDrain {
    /**
     * The tree's and the status bar's numbers change on every row of their own; four updates a
     * second read as live, and the FX thread spends its time on the message list instead.
     */
    static final Duration SUMMARY_PERIOD = Duration.ofMillis(250);

    private final Map<String, TopicActivity> pendingTopics = new LinkedHashMap<>();
    private Instant lastSummary;
    private final LiveFeed feed;
    private final MessageRenderer renderer;
    private final MessageListModel messages;
    private final TopicTreeModel topics;
    private final StatusModel status;
    private final List<Consumer<Drained>> listeners = new ArrayList<>();

    public TrafficDrain(LiveFeed feed, MessageRenderer renderer, MessageListModel messages, TopicTreeModel topics,
                        StatusModel status) {
        this.feed = feed;
        this.renderer = renderer;
        this.messages = messages;
        this.topics = topics;
        this.status = status;
    }

    /** Hands every non-empty drain to {@code listener} too (the trace timeline, the publish templates). */
    public void addListener(Consumer<Drained> listener) {
        listeners.add(listener);
    }

    public void tick(Instant now) {
        int max = messages.pausedProperty().get() ? 0 : feed.limits().batchSize();
        Drained drained = feed.drain(max);
        if (!drained.arrivals().isEmpty()) {
            List<DisplayMessage> rows = new ArrayList<>(drained.arrivals().size());
            drained.arrivals().forEach(arrival -> rows.add(renderer.render(arrival)));
            messages.append(rows);
        }
        // The latest totals per topic win; they are absolute, so nothing is lost by waiting.
        drained.activity().forEach(activity -> pendingTopics.put(activity.topic(), activity));
        if (lastSummary != null && Duration.between(lastSummary, now).compareTo(SUMMARY_PERIOD) < 0) {
            return;
        }
        lastSummary = now;
        if (!pendingTopics.isEmpty()) {
            topics.apply(List.copyOf(pendingTopics.values()), renderer::preview);
            pendingTopics.clear();
        }
        topics.tick(now);
        status.traffic(feed.counters(), now);
        if (drained != Drained.EMPTY) {
            listeners.forEach(listener -> listener.accept(drained));
        }
    }
}
