package ai.kind.kmb.ui.topics;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.InvalidTopicException;
import ai.kind.kmb.TopicFilter;
import ai.kind.kmb.ui.feed.TopicActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The live topic tree: every topic seen, as a hierarchy of segments with counts, rates, last time
 * and a preview; a filter in topic syntax ({@code *}, {@code #}); and a selection. Together the
 * filter and selection decide which messages the list shows ({@link #messageFilterProperty()}).
 */
public final class TopicTreeModel {
    private static final Duration RATE_WINDOW = Duration.ofSeconds(1);
    private static final int MAX_SUGGESTIONS = 12;

    private final TopicNode root = new TopicNode(null, "All topics");
    private final TreeSet<String> topicNames = new TreeSet<>();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper("");
    private final ObjectProperty<TopicNode> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Predicate<String>> messageFilter = new ReadOnlyObjectWrapper<>(topic -> true);
    private final ReadOnlyIntegerWrapper topicCount = new ReadOnlyIntegerWrapper();
    private TopicFilter filter;
    private Instant windowStart;

    public TopicTreeModel() {
        filterText.addListener((obs, old, now) -> parseFilter(now));
        selected.addListener((obs, old, now) -> updateMessageFilter());
    }

    // ---- properties

    public TopicNode root() {
        return root;
    }

    /** What the person typed: a topic filter such as {@code kmb.agent.#} or {@code *.health.*}; empty for all. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** Why the typed filter is not valid, or empty. The last valid filter stays in force meanwhile. */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    public ObjectProperty<TopicNode> selectedProperty() {
        return selected;
    }

    /** Passes a topic when it matches the filter and lies under the selected node. */
    public ReadOnlyObjectProperty<Predicate<String>> messageFilterProperty() {
        return messageFilter.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty topicCountProperty() {
        return topicCount.getReadOnlyProperty();
    }

    // ---- commands

    /** Applies the totals of the topics that moved since the last drain. */
    public void apply(List<TopicActivity> activity, Function<Envelope, String> preview) {
        boolean added = false;
        for (TopicActivity topic : activity) {
            TopicNode node = root;
            for (String segment : topic.topic().split("\\.")) {
                node = node.child(segment);
            }
            added |= topicNames.add(topic.topic());
            long delta = node.ownTotal(topic.received());
            for (TopicNode at = node; at != null; at = at.parent()) {
                at.addToCount(delta, topic.lastReceivedAt());
            }
            if (topic.last() != null) {
                node.preview(preview.apply(topic.last()));
            }
        }
        if (added) {
            topicCount.set(topicNames.size());
            refreshVisibility(root);
        }
    }

    /** Closes a rate window once a second; call on every drain. */
    public void tick(Instant now) {
        if (windowStart == null) {
            windowStart = now;
            return;
        }
        Duration elapsed = Duration.between(windowStart, now);
        if (elapsed.compareTo(RATE_WINDOW) >= 0) {
            closeRateWindow(root, elapsed.toNanos() / 1e9);
            windowStart = now;
        }
    }

    /** Selects the node for a topic path, if the tree has it. */
    public void select(String path) {
        selected.set(path.isEmpty() ? root : find(path));
    }

    public TopicNode find(String path) {
        TopicNode node = root;
        for (String segment : path.split("\\.")) {
            node = node.children().stream().filter(c -> c.segment().equals(segment)).findFirst().orElse(null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Topic names and filters that continue what was typed, for the filter box's completion. */
    public List<String> suggest(String typed) {
        String text = typed == null ? "" : typed.trim();
        List<String> suggestions = new ArrayList<>();
        for (String name : topicNames) {
            if (suggestions.size() >= MAX_SUGGESTIONS) {
                break;
            }
            if (name.startsWith(text) && !name.equals(text)) {
                int dot = name.indexOf('.', text.length());
                String parent = dot > 0 ? name.substring(0, dot) + ".#" : name;
                if (!suggestions.contains(parent)) {
                    suggestions.add(parent);
                }
            }
        }
        return suggestions;
    }

    /** Forgets every topic: for a switch of connection. */
    public void clear() {
        root.forget();
        topicNames.clear();
        topicCount.set(0);
        selected.set(null);
        windowStart = null;
    }

    private void parseFilter(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            filter = null;
            filterError.set("");
        } else {
            try {
                filter = TopicFilter.parse(trimmed);
                filterError.set("");
            } catch (InvalidTopicException e) {
                filterError.set(e.getMessage());
                return;
            }
        }
        refreshVisibility(root);
        updateMessageFilter();
    }

    private void updateMessageFilter() {
        TopicFilter typed = filter;
        TopicNode node = selected.get();
        TopicFilter under = node == null || node.isRoot() ? null : TopicFilter.parse(node.path() + ".#");
        messageFilter.set(topic -> (typed == null || typed.matches(topic)) && (under == null || under.matches(topic)));
    }

    /** A node is visible when its own topic or one below it passes the filter. */
    private boolean refreshVisibility(TopicNode node) {
        List<TopicNode> visible = new ArrayList<>();
        for (TopicNode child : node.children()) {
            if (refreshVisibility(child)) {
                visible.add(child);
            }
        }
        node.showChildren(visible);
        return !visible.isEmpty() || (node.isTopic() && (filter == null || filter.matches(node.path())));
    }

    private static void closeRateWindow(TopicNode node, double seconds) {
        node.closeRateWindow(seconds);
        node.children().forEach(child -> closeRateWindow(child, seconds));
    }

    /** For people: "12.5/s", "0.3/s", "—" when idle. */
    public static String formatRate(double perSecond) {
        if (perSecond <= 0) {
            return "—";
        }
        return String.format(Locale.ROOT, perSecond >= 10 ? "%,.0f/s" : "%.1f/s", perSecond);
    }
}
