package ai.kind.kmb.ui.trace;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javafx.geometry.Orientation;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The trace timeline: recent traces on the left, the waterfall in the middle, the picked message below. */
public final class TraceView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final TraceModel model;
    private final TraceWaterfall waterfall;
    private final ScrollPane scroller;
    private final Slider zoom = new Slider(1, 20, 1);

    public TraceView(TraceModel model) {
        this.model = model;
        getStyleClass().add("trace-view");
        getStylesheets().add(Objects.requireNonNull(TraceView.class.getResource("trace.css")).toExternalForm());

        this.waterfall = new TraceWaterfall(model::select);
        waterfall.setId("trace-waterfall");
        scroller = new ScrollPane(waterfall);
        scroller.setId("trace-scroller");
        scroller.getStyleClass().add("trace-scroller");

        Label empty = new Label("Pick a recent trace on the left, or search for a trace id.");
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(model.timelineProperty().isNull());
        StackPane plot = new StackPane(scroller, empty);

        TextArea detail = new TextArea();
        detail.setId("trace-detail");
        detail.getStyleClass().add("trace-detail");
        detail.setEditable(false);
        detail.setPromptText("Click a bar, dot or diamond to see its message here.");
        detail.textProperty().bind(model.detailProperty());

        SplitPane plotAndDetail = new SplitPane(plot, detail);
        plotAndDetail.setOrientation(Orientation.VERTICAL);
        plotAndDetail.setDividerPositions(0.62);

        SplitPane main = new SplitPane(recentPane(), plotAndDetail);
        main.setDividerPositions(0.22);
        setTop(new VBox(header(), errorLine()));
        setCenter(main);

        model.timelineProperty().addListener((obs, old, now) -> redraw());
        model.selectedProperty().addListener((obs, old, now) -> redraw());
        zoom.valueProperty().addListener((obs, old, now) -> redraw());
        scroller.viewportBoundsProperty().addListener((obs, old, now) -> {
            if (old == null || old.getWidth() != now.getWidth()) {
                redraw();
            }
        });
    }

    private HBox header() {
        Label title = new Label("Trace timeline");
        title.getStyleClass().add("pane-title");
        TextField search = new TextField();
        search.setId("trace-search");
        search.setPromptText("trace id");
        search.setPrefColumnCount(26);
        search.textProperty().bindBidirectional(model.traceIdProperty());
        search.setOnAction(e -> model.search());
        Button show = new Button("Show");
        show.setId("trace-show");
        show.setDefaultButton(false);
        show.setOnAction(e -> model.search());
        show.disableProperty().bind(model.busyProperty());
        Button refresh = new Button("Refresh list");
        refresh.setId("trace-refresh");
        refresh.setTooltip(new Tooltip("Read the newest stored messages again for traces to list"));
        refresh.setOnAction(e -> model.loadRecent());
        Label zoomLabel = new Label("Zoom");
        zoomLabel.getStyleClass().add("pane-hint");
        zoom.setId("trace-zoom");
        zoom.setPrefWidth(120);
        Label summary = new Label();
        summary.setId("trace-summary");
        summary.getStyleClass().add("pane-hint");
        summary.textProperty().bind(model.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(title, search, show, refresh, summary, spacer, zoomLabel, zoom);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private Label errorLine() {
        Label error = new Label();
        error.setId("trace-error");
        error.getStyleClass().add("error-banner");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    private VBox recentPane() {
        CheckBox roundTripsOnly = new CheckBox("Round trips only");
        roundTripsOnly.setId("trace-round-trips-only");
        roundTripsOnly.setTooltip(new Tooltip("List only traces with a command or query; "
                + "off lists every trace, one-message heartbeats too"));
        roundTripsOnly.selectedProperty().bindBidirectional(model.roundTripsOnlyProperty());
        ListView<TraceSummary> list = recentList();
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox pane = new VBox(roundTripsOnly, list);
        pane.getStyleClass().add("trace-recent-pane");
        return pane;
    }

    private ListView<TraceSummary> recentList() {
        ListView<TraceSummary> list = new ListView<>(model.recent());
        list.setId("trace-recent");
        list.getStyleClass().add("trace-recent");
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.roundTripsOnlyProperty())
                .then("No trace with a command or query yet").otherwise("No traced messages yet"));
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        // Two lines a cell; AtlantaFX's own cell size would cut the second in half.
        list.setFixedCellSize(46);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(TraceSummary item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(item.firstTopic() + "\n" + shortId(item.traceId()) + " · " + item.messages() + " msgs · "
                        + TIME.format(item.lastSeen()));
                setTooltip(new Tooltip(item.traceId()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.show(now.traceId());
            }
        });
        return list;
    }

    private void redraw() {
        double viewport = scroller.getViewportBounds() == null ? 0 : scroller.getViewportBounds().getWidth();
        double plotWidth = Math.max(400, viewport - TraceWaterfall.LABEL_WIDTH - 170) * zoom.getValue();
        waterfall.draw(model.timelineProperty().get(), plotWidth, model.selectedProperty().get());
    }

    private static String shortId(String id) {
        return id.length() <= 14 ? id : id.substring(0, 13) + "…";
    }
}
