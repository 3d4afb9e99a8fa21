package ai.kind.kmb.ui.studio;

import ai.kind.kmb.ui.dlq.DeadLetterModel;
import ai.kind.kmb.ui.dlq.DeadLetterView;
import ai.kind.kmb.ui.durables.DurablesModel;
import ai.kind.kmb.ui.durables.DurablesView;
import ai.kind.kmb.ui.limits.RateLimitsModel;
import ai.kind.kmb.ui.limits.RateLimitsView;
import ai.kind.kmb.ui.publish.PublishModel;
import ai.kind.kmb.ui.publish.PublishView;
import ai.kind.kmb.ui.record.RecordModel;
import ai.kind.kmb.ui.record.RecordView;
import ai.kind.kmb.ui.registry.RegistryModel;
import ai.kind.kmb.ui.registry.RegistryView;
import ai.kind.kmb.ui.registry.SchemaVerdictModel;
import ai.kind.kmb.ui.replay.ReplayModel;
import ai.kind.kmb.ui.replay.ReplayView;
import ai.kind.kmb.ui.shell.Destination;
import ai.kind.kmb.ui.shell.ViewRegistry;
import ai.kind.kmb.ui.snapshots.SnapshotsModel;
import ai.kind.kmb.ui.snapshots.SnapshotsView;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.FileDialogs;
import ai.kind.kmb.ui.support.FxFileDialogs;
import ai.kind.kmb.ui.support.UiExecutors;
import ai.kind.kmb.ui.trace.TraceModel;
import ai.kind.kmb.ui.trace.TraceView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The dashboard's tool views (trace timeline, publish, dead letters, snapshots, replay, record, rate
 * limits, registry, durables): their models, built once on the Studio's current connection and executors, and
 * their registration after the live views. The trace timeline and the publish templates also take
 * each drain of the live feed.
 */
public final class Dashboard {
    public static final Destination TRACE = new Destination("trace", "Traces",
            "Trace timeline: a waterfall per trace id, round trips paired with their replies");
    public static final Destination PUBLISH = new Destination("publish", "Publish",
            "Send an event, command or query and see the replies");
    public static final Destination DLQ = new Destination("dlq", "Dead letters",
            "Dead letters by reason: inspect, requeue, edit and resend, purge, export");
    public static final Destination SNAPSHOTS = new Destination("snapshots", "Snapshots",
            "Stateful agents' snapshots: what each covers, and the state as JSON");
    public static final Destination REPLAY = new Destination("replay", "Replay",
            "Replay a recording or a stored range: filter, speed, pause, step, target");
    public static final Destination RECORD = new Destination("record", "Record",
            "Record live traffic to a file");
    public static final Destination LIMITS = new Destination("limits", "Rate limits",
            "The broker's rate limits: allowed, throttled and rejected publishes per limit");
    public static final Destination REGISTRY = new Destination("registry", "Registry",
            "Topic registry: descriptors, schemas side by side, compatibility of a next version");
    public static final Destination DURABLES = new Destination("durables", "Durables",
            "Durable consumers: position, lag, unsettled and members; delete one");
    static final KeyCombination RECORD_TOGGLE = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    /** How long the composer waits for a command's final reply or a query's answer. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TraceModel trace;
    private final PublishModel publish;
    private final DeadLetterModel deadLetters;
    private final SnapshotsModel snapshots;
    private final ReplayModel replay;
    private final RecordModel record;
    private final RateLimitsModel limits;
    private final RegistryModel registry;
    private final DurablesModel durables;
    private final SchemaVerdictModel schemaVerdict;

    Dashboard(Studio studio, Path recordingDirectory) {
        CurrentConnection connection = new CurrentConnection(studio.connections().connectionProperty());
        UiExecutors executors = studio.environment().executors();
        Clock clock = studio.environment().clock();
        this.trace = new TraceModel(connection, executors);
        trace.roundTripsOnlyProperty().set(studio.settings().load().roundTripsOnly());
        trace.roundTripsOnlyProperty().addListener((obs, old, now) -> studio.settings().update(s -> s.withRoundTripsOnly(now)));
        this.publish = new PublishModel(connection, executors, clock, REPLY_TIMEOUT);
        this.deadLetters = new DeadLetterModel(connection, executors, clock);
        this.snapshots = new SnapshotsModel(connection, executors);
        this.replay = new ReplayModel(connection, executors, clock);
        this.record = new RecordModel(connection, executors, clock, recordingDirectory);
        this.limits = new RateLimitsModel(connection, executors);
        this.registry = new RegistryModel(connection, executors);
        this.durables = new DurablesModel(connection, executors, clock);
        this.schemaVerdict = new SchemaVerdictModel(studio.messages(), connection, executors);
        studio.drain().addListener(drained -> {
            trace.arrivals(drained.arrivals());
            publish.activity(drained.activity());
        });
        // Each view reads the bus again when it is opened, so what it shows is never older than the visit.
        studio.registry().navigation().currentProperty().addListener((obs, old, now) -> shown(now));
    }

    void register(ViewRegistry registry) {
        FileDialogs files = new FxFileDialogs(Dashboard::focusedWindow);
        registry.register(TRACE, Feather.GIT_COMMIT, () -> new TraceView(trace));
        registry.register(PUBLISH, Feather.SEND, () -> new PublishView(publish));
        registry.register(DLQ, Feather.ARCHIVE, () -> new DeadLetterView(deadLetters, files, Dashboard::confirm));
        registry.register(SNAPSHOTS, Feather.CAMERA, () -> new SnapshotsView(snapshots));
        registry.register(REPLAY, Feather.REWIND, () -> new ReplayView(replay, files));
        registry.register(RECORD, Feather.DISC, () -> new RecordView(record, files, RECORD_TOGGLE.getDisplayText()));
        registry.register(LIMITS, Feather.SLIDERS, () -> new RateLimitsView(limits));
        registry.register(REGISTRY, Feather.BOOK, () -> new RegistryView(this.registry));
        // The eleventh view: past Ctrl+0, so it has no Ctrl+digit shortcut (the rail and View menu reach it).
        registry.register(DURABLES, Feather.USERS, () -> new DurablesView(durables, Dashboard::confirm));
    }

    /** The Record menu: start or stop recording from any view. */
    Menu menu() {
        MenuItem toggle = new MenuItem();
        toggle.setId("menu-record");
        toggle.textProperty().bind(javafx.beans.binding.Bindings.when(record.recordingProperty())
                .then("Stop recording").otherwise("Start recording"));
        toggle.setAccelerator(RECORD_TOGGLE);
        toggle.setOnAction(e -> record.toggle());
        Menu menu = new Menu("_Record");
        menu.getItems().add(toggle);
        return menu;
    }

    public TraceModel trace() {
        return trace;
    }

    public PublishModel publish() {
        return publish;
    }

    public DeadLetterModel deadLetters() {
        return deadLetters;
    }

    public SnapshotsModel snapshots() {
        return snapshots;
    }

    public ReplayModel replay() {
        return replay;
    }

    public RecordModel record() {
        return record;
    }

    public RateLimitsModel limits() {
        return limits;
    }

    public RegistryModel registry() {
        return registry;
    }

    public DurablesModel durables() {
        return durables;
    }

    /** The inspector's schema verdict on the selected message. */
    public SchemaVerdictModel schemaVerdict() {
        return schemaVerdict;
    }

    /** Stops a recording still running, draining it, as the window closes. */
    void close() {
        record.stop("the Studio is closing");
    }

    private void shown(Destination destination) {
        if (destination == null) {
            return;
        }
        switch (destination.id()) {
            case "trace" -> trace.openLatest();
            case "publish" -> {
                publish.suggest();
                publish.refreshTopics();
            }
            case "dlq" -> deadLetters.refresh();
            case "limits" -> limits.refresh();
            case "snapshots" -> snapshots.refresh();
            case "registry" -> registry.refresh();
            case "durables" -> durables.refresh();
            default -> {
            }
        }
    }

    private static boolean confirm(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        alert.initOwner(focusedWindow());
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    private static Window focusedWindow() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst()
                .orElseGet(() -> Window.getWindows().stream().findFirst().orElse(null));
    }
}
