package ai.kind.kmb.ui.status;

import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.feed.FeedCounters;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar says: the connection, a notice (such as a port fallback), messages per
 * second on the bus, and how many messages were shown and dropped for display. The rate is taken
 * over windows of at least a second so that it does not flicker at 20 updates a second.
 */
public final class StatusModel {
    private static final Duration RATE_WINDOW = Duration.ofSeconds(1);

    private final ReadOnlyObjectWrapper<ConnectionStatus.State> state =
            new ReadOnlyObjectWrapper<>(ConnectionStatus.State.DISCONNECTED);
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper messagesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper shown = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper buffered = new ReadOnlyLongWrapper();
    private Instant windowStart;
    private long seenAtWindowStart;

    // ---- properties

    public ReadOnlyObjectProperty<ConnectionStatus.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty messagesPerSecondProperty() {
        return messagesPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bufferedProperty() {
        return buffered.getReadOnlyProperty();
    }

    // ---- commands

    public void connection(ConnectionStatus status) {
        state.set(status.state());
        connection.set(status.detail());
    }

    /** A standing remark, such as "port 7420 was taken; listening on 7431". Empty clears it. */
    public void notice(String text) {
        notice.set(text == null ? "" : text);
    }

    public void traffic(FeedCounters counters, Instant now) {
        shown.set(counters.taken());
        dropped.set(counters.droppedForDisplay());
        buffered.set(counters.buffered());
        if (windowStart == null || counters.seenOnBus() < seenAtWindowStart) {
            windowStart = now;
            seenAtWindowStart = counters.seenOnBus();
            return;
        }
        Duration elapsed = Duration.between(windowStart, now);
        if (elapsed.compareTo(RATE_WINDOW) >= 0) {
            double seconds = elapsed.toNanos() / 1e9;
            messagesPerSecond.set((counters.seenOnBus() - seenAtWindowStart) / seconds);
            windowStart = now;
            seenAtWindowStart = counters.seenOnBus();
        }
    }
}
