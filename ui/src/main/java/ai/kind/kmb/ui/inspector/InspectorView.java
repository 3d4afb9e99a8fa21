package ai.kind.kmb.ui.inspector;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/** The message inspector: JSON on the left; metadata and the diff in tabs on the right. Binds only. */
public final class InspectorView extends VBox {
    private final InspectorModel model;
    private final JsonArea json = new JsonArea();
    private final HBox verdicts = new HBox(6);

    public InspectorView(InspectorModel model) {
        this.model = model;
        setId("inspector-view");
        Label title = new Label();
        title.setId("inspector-title");
        title.getStyleClass().add("pane-title");
        title.textProperty().bind(model.titleProperty());
        Button copyJson = new Button("Copy JSON");
        copyJson.setId("copy-json");
        copyJson.setTooltip(new Tooltip("Copy the whole envelope as JSON (Ctrl+Shift+C)"));
        copyJson.setOnAction(e -> copyJson());
        Button copyCommand = new Button("Copy as kmbctl");
        copyCommand.setId("copy-kmbctl");
        copyCommand.setTooltip(new Tooltip("Copy a kmbctl publish command for this payload (Ctrl+Shift+K)"));
        copyCommand.setOnAction(e -> copyKmbctl());
        copyJson.disableProperty().bind(model.canCopyProperty().not());
        copyCommand.disableProperty().bind(model.canCopyProperty().not());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        verdicts.getStyleClass().add("inspector-verdicts");
        addVerdict(signatureBadge());
        // A long title gives way (ellipsis); the verdicts and the copy buttons keep their whole text.
        title.setMinWidth(0);
        copyJson.setMinWidth(Region.USE_PREF_SIZE);
        copyCommand.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(title, verdicts, spacer, copyJson, copyCommand);
        header.getStyleClass().add("pane-header");

        Label truncation = new Label();
        truncation.setId("truncation-banner");
        truncation.getStyleClass().add("truncation-banner");
        truncation.setMaxWidth(Double.MAX_VALUE);
        truncation.setMinHeight(Region.USE_PREF_SIZE);
        truncation.textProperty().bind(model.truncationNoteProperty());
        truncation.visibleProperty().bind(model.truncationNoteProperty().isNotEmpty());
        truncation.managedProperty().bind(truncation.visibleProperty());

        json.setId("inspector-json");
        model.jsonProperty().addListener((obs, old, now) -> json.show(now));
        json.show(model.jsonProperty().get());
        Label empty = new Label("Select a message in the list to inspect it.");
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(model.messageProperty().isNull());
        VirtualizedScrollPane<JsonArea> scroll = new VirtualizedScrollPane<>(json);
        // An empty area would still show its gutter's "1": show the hint alone instead.
        scroll.visibleProperty().bind(model.messageProperty().isNotNull());
        StackPane jsonPane = new StackPane(scroll, empty);

        TabPane tabs = new TabPane(new Tab("Metadata", metadataTable()), new Tab("Diff", diffPane()));
        tabs.setId("inspector-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(jsonPane, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.54);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header, truncation, split);
    }

    /** Adds a verdict on the selected message (schema, signature) beside the title. */
    public void addVerdict(Node badge) {
        if (badge instanceof Region region) {
            region.setMinWidth(Region.USE_PREF_SIZE);
        }
        verdicts.getChildren().add(badge);
    }

    public JsonArea jsonArea() {
        return json;
    }

    /** The signature verdict beside the title; the style class says which, for the colour. */
    private Label signatureBadge() {
        Label badge = new Label();
        badge.setId("signature-badge");
        badge.getStyleClass().add("signature-badge");
        model.signatureProperty().addListener((obs, old, now) -> {
            badge.setText(now.text());
            badge.setTooltip(now.explanation().isEmpty() ? null : new Tooltip(now.explanation()));
            badge.getStyleClass().remove(old.styleClass());
            badge.getStyleClass().add(now.styleClass());
        });
        badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
        badge.managedProperty().bind(badge.visibleProperty());
        return badge;
    }

    public void copyJson() {
        toClipboard(model.copyAsJson());
    }

    public void copyKmbctl() {
        toClipboard(model.copyAsKmbctl());
    }

    private static void toClipboard(Optional<String> text) {
        text.ifPresent(value -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(value);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private TableView<MetadataRow> metadataTable() {
        TableView<MetadataRow> table = new TableView<>(model.metadata());
        table.setId("metadata-table");
        table.getStyleClass().addAll("metadata-table", "dense");
        table.setPlaceholder(new Label("No message selected"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<MetadataRow, String> value = column("Value", 300, MetadataRow::value);
        value.getStyleClass().add("value");
        table.getColumns().setAll(List.of(column("Field", 124, MetadataRow::key), value));
        return table;
    }

    private VBox diffPane() {
        Label summary = new Label();
        summary.setId("diff-summary");
        summary.getStyleClass().add("pane-hint");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.setMaxWidth(Double.MAX_VALUE);
        summary.textProperty().bind(model.diffSummaryProperty());
        summary.setStyle("-fx-padding: 6 8 6 8;");
        TableView<JsonDiff.Entry> table = new TableView<>(model.diff());
        table.setId("diff-table");
        table.getStyleClass().addAll("metadata-table", "dense");
        table.setPlaceholder(new Label("Nothing to compare"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<JsonDiff.Entry, String> path = column("Field", 190, JsonDiff.Entry::path);
        path.setMinWidth(120);
        path.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                JsonDiff.Entry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (entry != null) {
                    getStyleClass().add("diff-" + entry.kind().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
        TableColumn<JsonDiff.Entry, String> before = column("Before", 100, JsonDiff.Entry::before);
        before.getStyleClass().add("value");
        TableColumn<JsonDiff.Entry, String> after = column("After", 100, JsonDiff.Entry::after);
        after.getStyleClass().add("value");
        table.getColumns().setAll(List.of(path, before, after));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(summary, table);
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
