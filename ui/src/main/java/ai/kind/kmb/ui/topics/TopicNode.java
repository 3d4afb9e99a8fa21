package ai.kind.kmb.ui.topics;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One segment of the topic hierarchy: {@code kmb}, {@code kmb.agent}, {@code kmb.agent.lifecycle}.
 * Counts and rates cover the whole subtree, so {@code kmb} shows everything under it; the preview
 * is of the last message on exactly this topic. Changed only by {@link TopicTreeModel}.
 */
public final class TopicNode {
    private final TopicNode parent;
    private final String segment;
    private final String path;
    // System topics (_inbox, _kmb) after the application's own: they are the bus's plumbing.
    private final Map<String, TopicNode> children = new TreeMap<>(
            Comparator.comparing((String name) -> name.startsWith("_")).thenComparing(Comparator.naturalOrder()));
    private final ObservableList<TopicNode> visibleChildren = FXCollections.observableArrayList();
    private final ObservableList<TopicNode> visibleView = FXCollections.unmodifiableObservableList(visibleChildren);
    private final ReadOnlyLongWrapper count = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Instant> lastAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private long ownCount;
    private long countAtWindowStart;
    private boolean topic;

    TopicNode(TopicNode parent, String segment) {
        this.parent = parent;
        this.segment = segment;
        this.path = parent == null ? "" : parent.path.isEmpty() ? segment : parent.path + "." + segment;
    }

    // ---- properties

    /** The last segment, or the root's label. */
    public String segment() {
        return segment;
    }

    /** The full topic name; empty for the root. */
    public String path() {
        return path;
    }

    public boolean isRoot() {
        return parent == null;
    }

    /** True when messages were published to exactly this name, not only below it. */
    public boolean isTopic() {
        return topic;
    }

    public boolean isSystem() {
        return path.startsWith("_");
    }

    /** Children that pass the tree's filter, sorted by segment. */
    public ObservableList<TopicNode> visibleChildren() {
        return visibleView;
    }

    public ReadOnlyLongProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastAtProperty() {
        return lastAt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return path.isEmpty() ? segment : path;
    }

    // ---- package-private mutation, for TopicTreeModel only

    TopicNode child(String name) {
        return children.computeIfAbsent(name, key -> new TopicNode(this, key));
    }

    Collection<TopicNode> children() {
        return children.values();
    }

    TopicNode parent() {
        return parent;
    }

    /** Records this topic's own total; returns by how much it grew. */
    long ownTotal(long total) {
        topic = true;
        long delta = total - ownCount;
        ownCount = total;
        return delta;
    }

    void addToCount(long delta, Instant at) {
        count.set(count.get() + delta);
        if (at != null && (lastAt.get() == null || at.isAfter(lastAt.get()))) {
            lastAt.set(at);
        }
    }

    void preview(String text) {
        preview.set(text);
    }

    void closeRateWindow(double seconds) {
        rate.set((count.get() - countAtWindowStart) / seconds);
        countAtWindowStart = count.get();
    }

    /** Replaces the visible children only when they differ, so views do not rebuild for nothing. */
    void showChildren(java.util.List<TopicNode> nowVisible) {
        if (!visibleChildren.equals(nowVisible)) {
            visibleChildren.setAll(nowVisible);
        }
    }

    void forget() {
        children.clear();
        visibleChildren.clear();
        count.set(0);
        rate.set(0);
        lastAt.set(null);
        preview.set("");
        ownCount = 0;
        countAtWindowStart = 0;
        topic = false;
    }
}
