package ai.kind.kmb.ui.record;

import static ai.kind.kmb.ui.support.Controls.banner;

import ai.kind.kmb.ui.support.FileDialogs;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Record live traffic: filter and file, one toggle, the elapsed time and count, and this session's recordings. */
public final class RecordView extends BorderPane {
    private static final PseudoClass RECORDING = PseudoClass.getPseudoClass("recording");
    private final RecordModel model;
    private final FileDialogs files;

    /** @param shortcut how the toggle's keyboard shortcut reads, for its label ("Ctrl+Shift+R") */
    public RecordView(RecordModel model, FileDialogs files, String shortcut) {
        this.model = model;
        this.files = files;
        getStyleClass().add("record-view");
        getStylesheets().add(Objects.requireNonNull(RecordView.class.getResource("record.css")).toExternalForm());

        Label title = new Label("Record");
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Record live traffic to a file you can replay, share or read with kmbctl. "
                + shortcut + " starts and stops from any view.");
        hint.getStyleClass().add("pane-hint");
        HBox header = new HBox(title, hint);
        header.getStyleClass().add("pane-header");

        VBox body = new VBox(form(), toggleBar(), finishedList());
        body.getStyleClass().add("record-body");
        setTop(new VBox(header, banner("record-status", "info-banner", model.statusProperty()),
                banner("record-error", "error-banner", model.errorProperty())));
        setCenter(body);

        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> model.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        model.recordingProperty().addListener((obs, old, now) -> {
            if (now) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    private GridPane form() {
        TextField filter = new TextField();
        filter.setId("record-filter");
        filter.setPromptText("# records every non-system topic");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.disableProperty().bind(model.recordingProperty());
        TextField path = new TextField();
        path.setId("record-path");
        path.textProperty().bindBidirectional(model.pathProperty());
        path.disableProperty().bind(model.recordingProperty());
        path.setPrefColumnCount(40);
        Button choose = new Button("Choose…");
        choose.setId("record-choose");
        choose.disableProperty().bind(model.recordingProperty());
        choose.setOnAction(e -> files.save("Record to", "kmb-recording.ndjson.gz")
                .ifPresent(p -> model.pathProperty().set(p.toString())));
        HBox.setHgrow(path, Priority.ALWAYS);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("record-form");
        grid.addRow(0, label("Filter"), filter);
        grid.addRow(1, label("File"), new HBox(8, path, choose));
        GridPane.setHgrow(filter, Priority.ALWAYS);
        return grid;
    }

    private HBox toggleBar() {
        // A plain button: a ToggleButton would flip its own state, and the model decides whether recording started.
        Button toggle = new Button();
        toggle.setId("record-toggle");
        toggle.getStyleClass().add("record-toggle");
        toggle.textProperty().bind(Bindings.when(model.recordingProperty()).then("Stop recording").otherwise("Record"));
        toggle.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(
                model.recordingProperty().get() ? Feather.SQUARE : Feather.CIRCLE), model.recordingProperty()));
        model.recordingProperty().addListener((obs, old, now) -> toggle.pseudoClassStateChanged(RECORDING, now));
        toggle.disableProperty().bind(model.busyProperty());
        toggle.setOnAction(e -> model.toggle());
        Label elapsed = new Label();
        elapsed.setId("record-elapsed");
        elapsed.getStyleClass().add("record-elapsed");
        elapsed.textProperty().bind(model.elapsedProperty());
        Label counts = new Label();
        counts.setId("record-counts");
        counts.getStyleClass().add("record-counts");
        counts.textProperty().bind(model.countsProperty());
        HBox bar = new HBox(16, toggle, elapsed, counts);
        bar.getStyleClass().add("record-bar");
        return bar;
    }

    private VBox finishedList() {
        ListView<FinishedRecording> list = new ListView<>(model.finished());
        list.setId("record-finished");
        list.setPlaceholder(new Label("Recordings you make show here"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(FinishedRecording item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.path() + "\n" + item.filter() + " · "
                        + RecordModel.clock(item.length()) + " · " + String.format("%,d messages", item.written())
                        + (item.dropped() > 0 ? String.format(" · %,d dropped", item.dropped()) : ""));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Label title = new Label("Recorded in this session");
        title.getStyleClass().add("pane-title");
        VBox box = new VBox(6, title, list);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("record-label");
        return label;
    }
}
