package ai.kind.kmb.ui.record;

import ai.kind.kmb.recording.Recorder;
import ai.kind.kmb.recording.RecorderStats;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Records live traffic to a file with a {@link Recorder}: start with a filter and a path, see the
 * elapsed time and the count while it runs ({@link #tick}), stop to drain what was delivered and
 * close the file. Starting and stopping run in the background (stopping may wait for the drain).
 * A switch to another bus stops the recording, since its subscription belongs to the old one.
 */
public final class RecordModel {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final Clock clock;

    private final StringProperty filter = new SimpleStringProperty("#");
    private final StringProperty path = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<FinishedRecording> finished = FXCollections.observableArrayList();
    private Recorder recorder;
    private Instant startedAt;

    public RecordModel(CurrentConnection connection, UiExecutors executors, Clock clock, Path directory) {
        this.connection = connection;
        this.executors = executors;
        this.clock = clock;
        path.set(directory.resolve(suggestedName()).toString());
        connection.value().addListener((obs, old, now) -> {
            if (recorder != null && old != now) {
                stop("the Studio switched to another bus");
            }
        });
    }

    // ---- properties

    /** What to record: a topic filter; {@code #} is every non-system topic. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The file to create; a name ending in .gz is gzipped. An existing file is never overwritten. */
    public StringProperty pathProperty() {
        return path;
    }

    public ReadOnlyBooleanProperty recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** True while a start or a stop is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "00:01:05" while recording. */
    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** "1,204 messages · 0 dropped" while recording. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The recordings made in this session, newest first. */
    public ObservableList<FinishedRecording> finished() {
        return finished;
    }

    // ---- commands

    public void toggle() {
        if (recording.get()) {
            stop(null);
        } else {
            start();
        }
    }

    public void start() {
        if (recording.get() || busy.get()) {
            return;
        }
        String what = filter.get() == null || filter.get().isBlank() ? "#" : filter.get().strip();
        String where = path.get() == null ? "" : path.get().strip();
        if (where.isEmpty()) {
            error.set("Choose a file to record to");
            return;
        }
        busy.set(true);
        Tasks.onBus(executors, connection, bus -> Recorder.start(bus, what, Path.of(where), bus.describe(), clock),
                started -> {
                    busy.set(false);
                    recorder = started;
                    startedAt = clock.instant();
                    recording.set(true);
                    error.set("");
                    status.set("Recording " + what + " to " + started.path());
                    tick();
                }, failure -> {
                    busy.set(false);
                    error.set(Tasks.failure("Recording to " + where, failure));
                });
    }

    /** Stops and drains; {@code why} is said when the stop was not asked for by the person. */
    public void stop(String why) {
        Recorder stopping = recorder;
        if (stopping == null) {
            return;
        }
        recorder = null;
        recording.set(false);
        busy.set(true);
        Duration length = Duration.between(startedAt, clock.instant());
        String what = stopping.header().filter();
        status.set("Stopping: writing what was already delivered…");
        Tasks.run(executors, stopping::stop, stats -> {
            busy.set(false);
            done(stopping.path(), what, length, stats, why);
        }, failure -> {
            busy.set(false);
            error.set(Tasks.failure("Closing the recording " + stopping.path(), failure));
        });
    }

    /** Updates the elapsed time and the counts; the view calls it twice a second while recording. */
    public void tick() {
        Recorder running = recorder;
        if (running == null) {
            return;
        }
        elapsed.set(clock(Duration.between(startedAt, clock.instant())));
        RecorderStats stats = running.stats();
        counts.set(String.format("%,d messages · %,d dropped", stats.written(), stats.dropped()));
        if (stats.lastError() != null) {
            error.set("Writing " + running.path() + " failed: " + stats.lastError());
        }
    }

    private void done(Path file, String what, Duration length, RecorderStats stats, String why) {
        finished.addFirst(new FinishedRecording(file, what, length, stats.written(), stats.dropped(), stats.lastError()));
        // The next recording gets a fresh name, since a file is never overwritten.
        if (file.toString().equals(path.get())) {
            Path parent = file.toAbsolutePath().getParent();
            path.set(parent.resolve(suggestedName()).toString());
        }
        String line = String.format("Recorded %,d messages in %s to %s", stats.written(), clock(length), file)
                + (stats.dropped() > 0 ? String.format("; %,d dropped", stats.dropped()) : "");
        status.set(why == null ? line : "Recording stopped because " + why + ". " + line);
        elapsed.set("");
        counts.set("");
    }

    private String suggestedName() {
        return "kmb-recording-" + FILE_TIME.format(clock.instant()) + ".ndjson.gz";
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
