package ai.kind.kmb.ui.durables;

import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.durable.NodeActivity;
import ai.kind.kmb.ui.support.Controls;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Durable consumers: a table of every durable with its progress and what the nodes serving it
 * hold, the picked one's members on every node below it and its figures beside them, and Delete.
 * Binds to {@link DurablesModel}; while the view is on screen a timer asks the model to read again
 * every {@link DurablesModel#refreshEvery()}.
 */
public final class DurablesView extends BorderPane {
    private final DurablesModel model;
    private final Predicate<String> confirm;
    /** Kept in a field: a binding nothing references stops telling its listeners. */
    private final BooleanBinding onScreen = sceneProperty().isNotNull();

    /** @param confirm asks the person a question (delete), true to go ahead; a dialog in the app */
    public DurablesView(DurablesModel model, Predicate<String> confirm) {
        this.model = model;
        this.confirm = confirm;
        getStyleClass().add("durables-view");
        getStylesheets().add(Objects.requireNonNull(DurablesView.class.getResource("durables.css")).toExternalForm());
        SplitPane lists = new SplitPane(table(), new DurableMembersPane(model));
        lists.setOrientation(Orientation.VERTICAL);
        lists.setDividerPositions(0.62);
        SplitPane main = new SplitPane(lists, detailPane());
        main.setDividerPositions(0.75);
        setTop(new VBox(header(), Controls.banner("durables-notice", "info-banner", model.noticeProperty()),
                Controls.banner("durables-error", "error-banner", model.errorProperty()),
                Controls.banner("durables-action-error", "error-banner", model.actionErrorProperty())));
        setCenter(main);
        refreshWhileShown();
    }

    private HBox header() {
        Label title = new Label("Durables");
        title.getStyleClass().add("pane-title");
        Label summary = new Label();
        summary.setId("durables-summary");
        summary.getStyleClass().add("pane-hint");
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("durables-refresh");
        refresh.setTooltip(new Tooltip("Read the durables now (they are read every "
                + model.refreshEvery().toSeconds() + " s while this view is shown)"));
        refresh.setOnAction(e -> model.refresh());
        HBox header = new HBox(title, summary, spacer, refresh);
        header.getStyleClass().add("pane-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private TableView<DurableInfo> table() {
        SortedList<DurableInfo> sorted = new SortedList<>(model.durables());
        TableView<DurableInfo> view = new TableView<>(sorted);
        sorted.comparatorProperty().bind(view.comparatorProperty());
        view.setId("durables-table");
        // The columns share the table's width, so the filter has room when no claims column shows.
        view.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("empty-state");
        placeholder.setId("durables-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.textProperty().bind(model.placeholderProperty());
        view.setPlaceholder(placeholder);
        TableColumn<DurableInfo, String> claims = DurableColumns.text("Claims", 160, DurableText::claims);
        claims.visibleProperty().bind(model.sharedProperty());
        view.getColumns().setAll(List.of(
                DurableColumns.text("Name", 140, DurableInfo::name),
                DurableColumns.text("Filter", 130, DurableInfo::filter),
                DurableColumns.text("Group", 80, DurableText::group),
                DurableColumns.number("Members", 88, DurableInfo::membersOnAllNodes, false),
                DurableColumns.number("In flight", 80, d -> DurableText.onAllNodes(d, NodeActivity::inFlight), false),
                DurableColumns.number("Waiting", 84, d -> DurableText.onAllNodes(d, NodeActivity::waiting), true),
                DurableColumns.number("Unsettled", 96, DurableInfo::unsettled, false),
                DurableColumns.number("Lag", 56, DurableInfo::lag, false),
                DurableColumns.number("Position", 82, d -> d.progress().position(), false),
                claims));
        view.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.select(now));
        // Each read replaces the rows, and the table drops its pick with them: pick the model's again.
        model.selectedProperty().addListener((obs, old, now) -> keepPicked(view));
        sorted.addListener((ListChangeListener<DurableInfo>) change -> keepPicked(view));
        return view;
    }

    /** Selects the row of the model's pick, found by name since each read brings new rows. */
    private void keepPicked(TableView<DurableInfo> view) {
        DurableInfo wanted = model.selectedProperty().get();
        List<DurableInfo> rows = view.getItems();
        int row = wanted == null ? -1 : IntStream.range(0, rows.size())
                .filter(i -> rows.get(i).name().equals(wanted.name())).findFirst().orElse(-1);
        if (row < 0) {
            if (!view.getSelectionModel().isEmpty()) {
                view.getSelectionModel().clearSelection();
            }
        } else if (view.getSelectionModel().getSelectedItem() != rows.get(row)) {
            view.getSelectionModel().clearAndSelect(row);
        }
    }

    private VBox detailPane() {
        Label title = new Label();
        title.setId("durables-detail-title");
        title.getStyleClass().add("durables-detail-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? "Details" : model.selectedProperty().get().name(), model.selectedProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button delete = new Button("Delete…");
        delete.setId("durables-delete");
        delete.getStyleClass().add("danger");
        delete.setTooltip(new Tooltip("Stop this durable and forget its position and unsettled messages"));
        delete.disableProperty().bind(model.canDelete().not());
        delete.setOnAction(e -> {
            if (confirm.test(model.deleteQuestion())) {
                model.delete();
            }
        });
        HBox head = new HBox(title, spacer, delete);
        head.getStyleClass().add("pane-header");
        head.setAlignment(Pos.CENTER_LEFT);

        GridPane figures = new GridPane();
        figures.setId("durables-details");
        figures.getStyleClass().add("durables-details");
        // The labels keep their width; each figure takes the rest, with what it means below it.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        figures.getColumnConstraints().setAll(labels, values);
        model.details().addListener((ListChangeListener<DurableDetail>) change -> fill(figures));
        Label hint = new Label("Pick a durable in the table: its position, what it has settled or which node "
                + "holds what, its lag, and what the broker that answered does for it (what it holds, when it last "
                + "delivered and had an ack, its delivery settings) show here, each with what it means.");
        hint.setId("durables-detail-hint");
        hint.getStyleClass().addAll("empty-state", "durables-detail-hint");
        hint.setWrapText(true);
        hint.visibleProperty().bind(model.selectedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());
        // The figures are longer than a short window: they scroll under the head.
        ScrollPane scroll = new ScrollPane(figures);
        scroll.setId("durables-details-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.visibleProperty().bind(hint.visibleProperty().not());
        scroll.managedProperty().bind(scroll.visibleProperty());
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox pane = new VBox(head, hint, scroll);
        pane.getStyleClass().add("durables-detail");
        return pane;
    }

    private void fill(GridPane figures) {
        figures.getChildren().clear();
        int row = 0;
        for (DurableDetail detail : model.details()) {
            Label label = new Label(detail.label());
            label.getStyleClass().add("durables-detail-label");
            Label value = new Label(detail.value());
            value.getStyleClass().add("durables-detail-value");
            value.setWrapText(true);
            VBox figure = new VBox(value);
            if (!detail.note().isEmpty()) {
                Label note = new Label(detail.note());
                note.getStyleClass().add("durables-detail-note");
                note.setWrapText(true);
                figure.getChildren().add(note);
            }
            figures.addRow(row++, label, figure);
        }
    }

    private void refreshWhileShown() {
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(model.refreshEvery().toMillis()), e -> model.refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
        onScreen.addListener((obs, was, now) -> {
            if (now) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }
}
