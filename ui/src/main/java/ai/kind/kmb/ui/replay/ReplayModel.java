package ai.kind.kmb.ui.replay;

import ai.kind.kmb.replay.ReplayEngine;
import ai.kind.kmb.replay.ReplayIssue;
import ai.kind.kmb.replay.ReplayOptions;
import ai.kind.kmb.replay.ReplayProgress;
import ai.kind.kmb.replay.ReplaySession;
import ai.kind.kmb.replay.ReplaySource;
import ai.kind.kmb.replay.ReplaySpeed;
import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.replay.ReplayTarget;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The replay console: a source (a recording file or a stored range), a filter, a speed, a target,
 * and the controls of the one replay it runs at a time. The replay runs on its own thread; the
 * view calls {@link #poll} a few times a second to show its progress, which only reads a snapshot.
 */
public final class ReplayModel {
    /** Speeds offered, slowest first; "max" is as fast as the bus takes it. */
    public static final List<String> SPEEDS = List.of("0.1x", "0.25x", "0.5x", "1x", "2x", "5x", "10x", "100x", "max");

    public enum SourceKind { RECORDING, STORED_RANGE }

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final Clock clock;

    private final ObjectProperty<SourceKind> sourceKind = new SimpleObjectProperty<>(SourceKind.RECORDING);
    private final StringProperty recording = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("-15m");
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty filter = new SimpleStringProperty("#");
    private final StringProperty speed = new SimpleStringProperty("1x");
    private final StringProperty targetPrefix = new SimpleStringProperty("");
    private final BooleanProperty durable = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ReplayState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("No replay yet");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> issues = FXCollections.observableArrayList();
    private ReplaySession session;

    public ReplayModel(CurrentConnection connection, UiExecutors executors, Clock clock) {
        this.connection = connection;
        this.executors = executors;
        this.clock = clock;
    }

    // ---- properties

    public ObjectProperty<SourceKind> sourceKindProperty() {
        return sourceKind;
    }

    /** The recording file to replay, when the source is a recording. */
    public StringProperty recordingProperty() {
        return recording;
    }

    /** Start of the stored range: blank, a time, or a time ago such as -15m. */
    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** One of {@link #SPEEDS}, or any factor from 0.1 such as "3x". */
    public StringProperty speedProperty() {
        return speed;
    }

    /** Blank replays to the original topics; otherwise under this prefix ("replay" makes a.b replay.a.b). */
    public StringProperty targetPrefixProperty() {
        return targetPrefix;
    }

    public BooleanProperty durableProperty() {
        return durable;
    }

    /** The replay's state, or null before the first. */
    public ReadOnlyObjectProperty<ReplayState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True from start until the replay is done, cancelled or failed: the view polls while so. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Handled over total, 0 to 1; -1 while the total is not known yet. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why messages were not replayed, the first of them. */
    public ObservableList<String> issues() {
        return issues;
    }

    // ---- commands

    /** Creates the replay (a recording's header is checked in the background) and starts it. */
    public void start(boolean paused) {
        if (active.get()) {
            error.set("A replay is running; cancel it before starting another");
            return;
        }
        SourceKind kind = sourceKind.get();
        Instant now = clock.instant();
        ReplayOptions options;
        Instant fromAt;
        Instant toAt;
        try {
            options = options();
            fromAt = TimeInput.parse(from.get(), now);
            toAt = TimeInput.parse(to.get(), now);
        } catch (RuntimeException e) {
            error.set("Replay options: " + e.getMessage());
            return;
        }
        String path = recording.get().strip();
        if (kind == SourceKind.RECORDING && path.isEmpty()) {
            error.set("Choose a recording file to replay");
            return;
        }
        active.set(true);
        issues.clear();
        error.set("");
        progress.set("Starting…");
        Tasks.onBus(executors, connection, bus -> {
            ReplaySource source = kind == SourceKind.RECORDING ? new ReplaySource.RecordingFile(Path.of(path))
                    : new ReplaySource.StoredRange(bus, fromAt, toAt);
            ReplaySession created = new ReplayEngine(bus).create(source, options);
            if (paused) {
                created.startPaused();
            } else {
                created.start();
            }
            return created;
        }, created -> {
            session = created;
            // Poll before listening for completion, so that finished() is always the last to write.
            poll();
            created.completion().thenAccept(done -> executors.ui().execute(this::finished));
        }, failure -> {
            active.set(false);
            progress.set("Not started");
            error.set(Tasks.failure("Starting the replay", failure));
        });
    }

    public void pause() {
        control("Pause", ReplaySession::pause);
    }

    public void resume() {
        control("Resume", ReplaySession::resume);
    }

    /** Publishes the next message of a paused replay, then holds again. */
    public void step() {
        control("Step", s -> s.step().thenAccept(p -> executors.ui().execute(this::poll)));
    }

    public void cancel() {
        control("Cancel", ReplaySession::cancel);
    }

    /** Reads the replay's progress; cheap (a snapshot under a short lock), so the FX thread may call it. */
    public void poll() {
        if (session == null) {
            return;
        }
        ReplayProgress now = session.progress();
        state.set(now.state());
        fraction.set(now.total() == ReplayProgress.UNKNOWN ? -1
                : now.total() == 0 ? 1 : Math.min(1, now.handled() / (double) now.total()));
        progress.set(ReplayText.progress(now));
        if (now.failure() != null) {
            error.set("The replay failed: " + now.failure());
        }
    }

    private void finished() {
        poll();
        active.set(false);
        List<ReplayIssue> kept = session.issues();
        issues.setAll(kept.stream().limit(200).map(ReplayText::issue).toList());
    }

    private void control(String what, Consumer<ReplaySession> action) {
        if (session == null) {
            error.set(what + ": no replay has been started");
            return;
        }
        try {
            action.accept(session);
            error.set("");
        } catch (RuntimeException e) {
            error.set(Tasks.failure(what, e));
        }
        poll();
    }

    private ReplayOptions options() {
        String filterText = filter.get() == null || filter.get().isBlank() ? "#" : filter.get().strip();
        String prefix = targetPrefix.get() == null ? "" : targetPrefix.get().strip();
        return ReplayOptions.DEFAULT.withFilter(filterText)
                .withTarget(prefix.isEmpty() ? ReplayTarget.ORIGINAL : ReplayTarget.prefix(prefix))
                .withSpeed(ReplaySpeed.parse(speed.get()))
                .withDurable(durable.get());
    }
}
