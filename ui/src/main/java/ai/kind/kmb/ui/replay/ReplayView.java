package ai.kind.kmb.ui.replay;

import ai.kind.kmb.replay.ReplayState;
import ai.kind.kmb.ui.support.FileDialogs;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The replay console: the source and options on top, the controls, then progress and issues. */
public final class ReplayView extends BorderPane {
    /** How often progress is read while a replay runs: smooth enough, and a snapshot costs next to nothing. */
    static final Duration POLL = Duration.millis(200);

    private final ReplayModel model;
    private final FileDialogs files;

    public ReplayView(ReplayModel model, FileDialogs files) {
        this.model = model;
        this.files = files;
        getStyleClass().add("replay-view");
        getStylesheets().add(Objects.requireNonNull(ReplayView.class.getResource("replay.css")).toExternalForm());

        Label title = new Label("Replay");
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Publish a recording or a stored range again, paced like the original or faster.");
        hint.getStyleClass().add("pane-hint");
        HBox header = new HBox(title, hint);
        header.getStyleClass().add("pane-header");
        Label error = new Label();
        error.setId("replay-error");
        error.getStyleClass().add("error-banner");
        error.setMaxWidth(Double.MAX_VALUE);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox body = new VBox(form(), controls(), progressPane());
        body.getStyleClass().add("replay-body");
        setTop(new VBox(header, error));
        setCenter(body);

        Timeline poller = new Timeline(new KeyFrame(POLL, e -> model.poll()));
        poller.setCycleCount(Animation.INDEFINITE);
        model.activeProperty().addListener((obs, old, now) -> {
            if (now) {
                poller.play();
            } else {
                poller.stop();
            }
        });
    }

    private GridPane form() {
        ToggleGroup kind = new ToggleGroup();
        RadioButton fromRecording = radio("A recording", "replay-source-recording", kind, ReplayModel.SourceKind.RECORDING);
        RadioButton fromStore = radio("Stored messages", "replay-source-range", kind, ReplayModel.SourceKind.STORED_RANGE);
        kind.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.sourceKindProperty().set((ReplayModel.SourceKind) now.getUserData());
            }
        });
        model.sourceKindProperty().addListener((obs, old, now) -> kind.getToggles().forEach(t ->
                t.setSelected(t.getUserData() == now)));
        BooleanBinding range = model.sourceKindProperty().isEqualTo(ReplayModel.SourceKind.STORED_RANGE);

        TextField path = field("replay-recording", "path to a .ndjson or .ndjson.gz recording", model.recordingProperty());
        path.disableProperty().bind(range);
        Button open = new Button("Open…");
        open.setId("replay-open");
        open.disableProperty().bind(range);
        open.setOnAction(e -> files.open("Open a recording", null).ifPresent(p -> model.recordingProperty().set(p.toString())));
        TextField from = field("replay-from", "blank, -15m or 2025-06-20T15:42:00Z", model.fromProperty());
        TextField to = field("replay-to", "blank for now", model.toProperty());
        from.disableProperty().bind(range.not());
        to.disableProperty().bind(range.not());
        TextField filter = field("replay-filter", "#", model.filterProperty());
        ComboBox<String> speed = new ComboBox<>();
        speed.getItems().setAll(ReplayModel.SPEEDS);
        speed.setId("replay-speed");
        speed.setEditable(true);
        speed.getEditor().textProperty().bindBidirectional(model.speedProperty());
        speed.setTooltip(new Tooltip("0.1x to 100x keeps the recorded gaps divided by the factor; max does not wait"));
        TextField target = field("replay-target", "blank: the original topics; or a prefix such as replay",
                model.targetPrefixProperty());
        CheckBox durable = new CheckBox("Publish durably");
        durable.setId("replay-durable");
        durable.selectedProperty().bindBidirectional(model.durableProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("replay-form");
        grid.addRow(0, label("Source"), new HBox(16, fromRecording, fromStore));
        grid.addRow(1, label("Recording"), grow(new HBox(8, path, open), path));
        grid.addRow(2, label("Received from"), new HBox(8, from, label("to"), to));
        grid.addRow(3, label("Filter"), filter);
        grid.addRow(4, label("Speed"), speed);
        grid.addRow(5, label("Target prefix"), target);
        grid.addRow(6, new Label(), durable);
        GridPane.setHgrow(path, Priority.ALWAYS);
        return grid;
    }

    private HBox controls() {
        var state = model.stateProperty();
        Button start = button("Start", "replay-start", () -> model.start(false));
        start.getStyleClass().add("accent");
        start.disableProperty().bind(model.activeProperty());
        Button startPaused = button("Start paused", "replay-start-paused", () -> model.start(true));
        startPaused.disableProperty().bind(model.activeProperty());
        Button pause = button("Pause", "replay-pause", model::pause);
        pause.disableProperty().bind(state.isNotEqualTo(ReplayState.RUNNING));
        Button resume = button("Resume", "replay-resume", model::resume);
        resume.disableProperty().bind(state.isNotEqualTo(ReplayState.PAUSED));
        Button step = button("Step", "replay-step", model::step);
        step.disableProperty().bind(state.isNotEqualTo(ReplayState.PAUSED));
        Button cancel = button("Cancel", "replay-cancel", model::cancel);
        cancel.disableProperty().bind(model.activeProperty().not());
        HBox controls = new HBox(8, start, startPaused, pause, resume, step, cancel);
        controls.getStyleClass().add("replay-controls");
        return controls;
    }

    private VBox progressPane() {
        ProgressBar bar = new ProgressBar();
        bar.setId("replay-progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.createDoubleBinding(
                () -> model.fractionProperty().get() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : model.fractionProperty().get(),
                model.fractionProperty()));
        Label text = new Label();
        text.setId("replay-progress");
        text.textProperty().bind(model.progressProperty());
        ListView<String> issues = new ListView<>(model.issues());
        issues.setId("replay-issues");
        issues.setPlaceholder(new Label("Messages that could not be replayed are listed here, with the reason"));
        VBox.setVgrow(issues, Priority.ALWAYS);
        VBox box = new VBox(8, bar, text, label("Issues"), issues);
        box.getStyleClass().add("replay-progress");
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static RadioButton radio(String text, String id, ToggleGroup group, ReplayModel.SourceKind kind) {
        RadioButton button = new RadioButton(text);
        button.setId(id);
        button.setToggleGroup(group);
        button.setUserData(kind);
        button.setSelected(kind == ReplayModel.SourceKind.RECORDING);
        return button;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(24);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("replay-label");
        return label;
    }

    private static Node grow(HBox box, Node grower) {
        HBox.setHgrow(grower, Priority.ALWAYS);
        return box;
    }
}
