package ai.kind.kmb.ui.messages;

import ai.kind.kmb.ui.feed.DisplayMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The rows of the message list: the last {@code capacity} messages shown, oldest first, and the
 * ones the topic selection lets through. Rows arrive in batches from the drain, on the FX thread.
 */
public final class MessageListModel {
    private final int capacity;
    private final ObservableList<DisplayMessage> all = FXCollections.observableArrayList();
    private final FilteredList<DisplayMessage> visible = new FilteredList<>(all);
    private final ObjectProperty<Predicate<String>> topicFilter = new SimpleObjectProperty<>(topic -> true);
    private final ObjectProperty<DisplayMessage> selected = new SimpleObjectProperty<>();
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper size = new ReadOnlyIntegerWrapper();
    private final ReadOnlyLongWrapper appended = new ReadOnlyLongWrapper();

    public MessageListModel(int capacity) {
        this.capacity = capacity;
        topicFilter.addListener((obs, old, now) -> visible.setPredicate(message -> now.test(message.topic())));
        visible.setPredicate(message -> topicFilter.get().test(message.topic()));
    }

    // ---- properties

    /** The rows to show: the shown messages that pass {@link #topicFilterProperty()}. */
    public ObservableList<DisplayMessage> visible() {
        return visible;
    }

    /** Which topics the list lets through; the topic tree sets it from its filter and selection. */
    public ObjectProperty<Predicate<String>> topicFilterProperty() {
        return topicFilter;
    }

    public ObjectProperty<DisplayMessage> selectedProperty() {
        return selected;
    }

    /** Keep the newest row in view as rows arrive. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** While paused the drain takes nothing: what arrives meanwhile is counted as dropped for display. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyIntegerProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Rows appended since start; changes once per batch, so a view can react once per drain, not per row. */
    public ReadOnlyLongProperty appendedProperty() {
        return appended.getReadOnlyProperty();
    }

    public int capacity() {
        return capacity;
    }

    // ---- commands

    /** Adds a batch at the end, letting the oldest rows go past {@link #capacity()}. */
    public void append(List<DisplayMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<DisplayMessage> kept = batch.size() > capacity ? batch.subList(batch.size() - capacity, batch.size()) : batch;
        int overflow = all.size() + kept.size() - capacity;
        if (overflow > 0) {
            // A selected message that scrolls away stays selected: the inspector keeps showing it.
            all.remove(0, overflow);
        }
        all.addAll(kept);
        size.set(all.size());
        appended.set(appended.get() + kept.size());
    }

    public void clear() {
        all.clear();
        selected.set(null);
        size.set(0);
    }

    public void togglePaused() {
        paused.set(!paused.get());
    }

    /** The latest message before {@code message} on the same topic that is still in the list. */
    public Optional<DisplayMessage> previousOnTopic(DisplayMessage message) {
        for (int i = all.size() - 1; i >= 0; i--) {
            DisplayMessage candidate = all.get(i);
            if (candidate.sequence() < message.sequence() && candidate.topic().equals(message.topic())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
