package ai.kind.kmb.ui.snapshots;

import ai.kind.kmb.snapshot.SnapshotInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Agents' snapshots: agents with their latest on the left, the picked agent's snapshots, and the state below. */
public final class SnapshotsView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SnapshotsModel model;

    public SnapshotsView(SnapshotsModel model) {
        this.model = model;
        getStyleClass().add("snapshots-view");
        getStylesheets().add(Objects.requireNonNull(SnapshotsView.class.getResource("snapshots.css")).toExternalForm());

        SplitPane historyAndState = new SplitPane(historyTable(), statePane());
        historyAndState.setOrientation(Orientation.VERTICAL);
        historyAndState.setDividerPositions(0.4);
        SplitPane main = new SplitPane(agentTable(), historyAndState);
        main.setDividerPositions(0.32);
        Label error = new Label();
        error.setId("snapshots-error");
        error.getStyleClass().add("error-banner");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        setTop(new VBox(header(), error));
        setCenter(main);
    }

    private HBox header() {
        Label title = new Label("Snapshots");
        title.getStyleClass().add("pane-title");
        TextField filter = new TextField();
        filter.setId("snapshots-filter");
        filter.setPromptText("agent name contains…");
        filter.setPrefColumnCount(18);
        filter.textProperty().bindBidirectional(model.agentFilterProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("snapshots-refresh");
        refresh.setTooltip(new Tooltip("Read the agents' snapshots again"));
        refresh.setOnAction(e -> model.refresh());
        HBox header = new HBox(title, filter, refresh);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private TableView<SnapshotInfo> agentTable() {
        TableView<SnapshotInfo> table = new TableView<>(model.agents());
        table.setId("snapshots-agents");
        table.setPlaceholder(new Label("No agent has saved a snapshot yet."));
        table.getColumns().setAll(List.of(
                column("Agent", 160, SnapshotInfo::agent),
                column("Offset", 80, info -> Long.toString(info.offset())),
                column("Latest", 120, info -> TIME.format(info.takenAt()))));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.pickAgent(now));
        return table;
    }

    private TableView<SnapshotInfo> historyTable() {
        TableView<SnapshotInfo> table = new TableView<>(model.history());
        table.setId("snapshots-history");
        table.setPlaceholder(new Label("Pick an agent to see the snapshots kept for it."));
        table.getColumns().setAll(List.of(
                column("Taken", 120, info -> TIME.format(info.takenAt())),
                column("Offset", 80, info -> Long.toString(info.offset())),
                column("Bytes", 80, info -> Long.toString(info.bytes())),
                column("Filters", 220, info -> String.join(" ", info.filters())),
                column("Id", 280, SnapshotInfo::id)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.pickSnapshot(now);
            }
        });
        return table;
    }

    private VBox statePane() {
        Label summary = new Label();
        summary.setId("snapshots-summary");
        summary.getStyleClass().add("snapshots-summary");
        summary.textProperty().bind(Bindings.when(model.summaryProperty().isEmpty())
                .then("State").otherwise(model.summaryProperty()));
        TextArea state = new TextArea();
        state.setId("snapshots-state");
        state.getStyleClass().add("snapshots-json");
        state.setEditable(false);
        state.setPromptText("Pick a snapshot to read its state");
        state.textProperty().bind(model.stateProperty());
        VBox.setVgrow(state, Priority.ALWAYS);
        return new VBox(summary, state);
    }

    private static TableColumn<SnapshotInfo, String> column(String title, double width,
                                                           Function<SnapshotInfo, String> value) {
        TableColumn<SnapshotInfo, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
