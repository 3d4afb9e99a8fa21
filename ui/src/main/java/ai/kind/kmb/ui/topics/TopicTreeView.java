package ai.kind.kmb.ui.topics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

/** The live topic tree with its filter box. Builds nodes and binds to {@link TopicTreeModel} only. */
public final class TopicTreeView extends VBox {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid-filter");
    private static final PseudoClass SYSTEM = PseudoClass.getPseudoClass("system");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TextField filter = TextFields.createClearableTextField();
    private final TreeTableView<TopicNode> tree = new TreeTableView<>();

    public TopicTreeView(TopicTreeModel model) {
        setId("topic-tree-view");
        Label title = new Label("Topics");
        title.getStyleClass().add("pane-title");
        Label count = new Label();
        count.getStyleClass().add("pane-hint");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.topicCountProperty().get() + " seen",
                model.topicCountProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(title, spacer, count);
        header.getStyleClass().add("pane-header");

        filter.setId("topic-filter");
        filter.setPromptText("Filter: kmb.agent.#  or  *.health.*");
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        filter.setTooltip(new Tooltip("A topic filter: '*' matches one segment, '#' any number (Ctrl+F)"));
        TextFields.bindAutoCompletion(filter, request -> model.suggest(request.getUserText()));
        Label error = new Label();
        error.getStyleClass().add("filter-error");
        error.setWrapText(true);
        error.textProperty().bind(model.filterErrorProperty());
        error.visibleProperty().bind(model.filterErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        model.filterErrorProperty().addListener((obs, old, now) -> filter.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        VBox filterBox = new VBox(4, filter, error);
        filterBox.setStyle("-fx-padding: 6 8 6 8;");

        buildTree(model);
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(header, filterBox, tree);
    }

    /** Puts the caret in the filter box (Ctrl+F). */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    private void buildTree(TopicTreeModel model) {
        tree.setId("topic-tree");
        tree.getStyleClass().add("topic-tree");
        tree.setRoot(new TopicTreeItem(model.root(), 0));
        tree.setShowRoot(true);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setPlaceholder(new Label("No traffic yet"));

        TreeTableColumn<TopicNode, String> name = column("Topic", 170, node -> Bindings.createStringBinding(node::segment));
        name.setCellFactory(column -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                TopicNode node = empty || getTableRow() == null ? null : getTableRow().getItem();
                pseudoClassStateChanged(SYSTEM, node != null && node.isSystem());
            }
        });
        TreeTableColumn<TopicNode, Number> count = column("Msgs", 64, TopicNode::countProperty);
        count.setMinWidth(56);
        count.setCellFactory(column -> rightAligned(value -> String.format(Locale.ROOT, "%,d", value.longValue())));
        TreeTableColumn<TopicNode, Number> rate = column("Rate", 62, TopicNode::rateProperty);
        rate.setMinWidth(56);
        rate.setCellFactory(column -> rightAligned(value -> TopicTreeModel.formatRate(value.doubleValue())));
        TreeTableColumn<TopicNode, Instant> last = column("Last", 74, TopicNode::lastAtProperty);
        last.setMinWidth(72);
        last.setCellFactory(column -> rightAligned(TIME::format));
        TreeTableColumn<TopicNode, String> preview = column("Payload", 160, TopicNode::previewProperty);
        preview.getStyleClass().add("preview");
        tree.getColumns().setAll(java.util.List.of(name, count, rate, last, preview));

        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                model.selectedProperty().set(now == null ? null : now.getValue()));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                tree.getSelectionModel().clearSelection();
            }
        });
    }

    private static <T> TreeTableColumn<TopicNode, T> column(String title, double width,
                                                            Function<TopicNode, ObservableValue<T>> value) {
        TreeTableColumn<TopicNode, T> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> value.apply(cell.getValue().getValue()));
        return column;
    }

    private static <T> TreeTableCell<TopicNode, T> rightAligned(Function<T, String> text) {
        TreeTableCell<TopicNode, T> cell = new TreeTableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }
}
