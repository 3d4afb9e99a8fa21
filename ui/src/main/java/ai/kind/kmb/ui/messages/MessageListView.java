package ai.kind.kmb.ui.messages;

import ai.kind.kmb.ui.feed.DisplayMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The virtualized message list. Builds nodes and binds to {@link MessageListModel} only. */
public final class MessageListView extends VBox {
    private static final PseudoClass TRUNCATED = PseudoClass.getPseudoClass("truncated");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TableView<DisplayMessage> table = new TableView<>();

    public MessageListView(MessageListModel model) {
        setId("message-list-view");
        Label title = new Label("Messages");
        title.getStyleClass().add("pane-title");
        Label count = new Label();
        count.getStyleClass().add("pane-hint");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.visible().size() == model.sizeProperty().get()
                ? String.format(Locale.ROOT, "%,d", model.sizeProperty().get())
                : String.format(Locale.ROOT, "%,d of %,d match the topic filter", model.visible().size(),
                        model.sizeProperty().get()), model.visible(), model.sizeProperty()));
        ToggleButton pause = new ToggleButton();
        pause.setId("pause-display");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setTooltip(new Tooltip("Stop adding rows; the bus is not paused and what arrives meanwhile is counted "
                + "as dropped for display (Ctrl+P)"));
        ToggleButton follow = new ToggleButton("Follow");
        follow.setId("follow-newest");
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.setTooltip(new Tooltip("Keep the newest message in view (Ctrl+End)"));
        Button clear = new Button("Clear");
        clear.setId("clear-messages");
        clear.setOnAction(e -> model.clear());
        clear.setTooltip(new Tooltip("Empty the list (Ctrl+K)"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(title, count, spacer, pause, follow, clear);
        header.getStyleClass().add("pane-header");

        buildTable(model);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(header, table);
    }

    private void buildTable(MessageListModel model) {
        table.setId("message-table");
        table.getStyleClass().addAll("message-table", "dense");
        table.setItems(model.visible());
        table.setPlaceholder(new Label("No messages yet. Traffic on the bus appears here as it arrives."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<DisplayMessage, String> time = column("Time", 110, m -> TIME.format(m.time()));
        time.setMinWidth(106);
        time.getStyleClass().add("monospace");
        TableColumn<DisplayMessage, String> topic = column("Topic", 250, DisplayMessage::topic);
        TableColumn<DisplayMessage, String> type = column("Type", 108, m -> m.type().wireName());
        type.setMinWidth(104);
        type.setCellFactory(column -> new TypeCell());
        TableColumn<DisplayMessage, String> id = column("Id", 82, m -> m.id() == null ? "" : shortId(m.id()));
        id.getStyleClass().add("monospace");
        TableColumn<DisplayMessage, String> preview = column("Payload", 360, DisplayMessage::preview);
        preview.getStyleClass().add("monospace");
        table.getColumns().setAll(List.of(time, topic, type, id, preview));

        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(DisplayMessage item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(TRUNCATED, !empty && item != null && item.truncated());
            }
        });
        // Choosing a row stops following, or the row would scroll away under the person's eyes.
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> model.followProperty().set(false));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            // Rows leaving the list clear the table's selection; the inspector keeps its message.
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                // Chosen from elsewhere (a shortcut, a script): select the row and bring it into view.
                table.getSelectionModel().select(now);
                int index = model.visible().indexOf(now);
                if (index >= 0) {
                    table.scrollTo(Math.max(0, index - 3));
                }
            }
        });
        // Once per batch, not per list change: each scroll lays the table out again.
        model.appendedProperty().addListener((obs, old, now) -> scrollIfFollowing(model));
        model.followProperty().addListener((obs, old, now) -> scrollIfFollowing(model));
    }

    private void scrollIfFollowing(MessageListModel model) {
        if (model.followProperty().get() && !model.visible().isEmpty()) {
            table.scrollTo(model.visible().size() - 1);
        }
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static TableColumn<DisplayMessage, String> column(String title, double width,
                                                             Function<DisplayMessage, String> value) {
        TableColumn<DisplayMessage, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** The message type as a small coloured badge: commands, queries and replies stand apart at a glance. */
    private static final class TypeCell extends TableCell<DisplayMessage, String> {
        private final Label badge = new Label();

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (!item.equals(badge.getText())) {
                // Only on a change of type: a new style class makes CSS run again for the badge.
                badge.setText(item);
                badge.getStyleClass().setAll("label", "type-badge", "type-" + item);
            }
            setGraphic(badge);
        }
    }
}
