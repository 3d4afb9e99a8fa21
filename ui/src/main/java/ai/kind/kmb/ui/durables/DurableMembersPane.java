package ai.kind.kmb.ui.durables;

import java.util.List;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The picked durable's members on every node that serves it: which node, who each is, where it
 * connects from, how it acknowledges and how many deliveries it holds, the first thing to look at
 * when a durable stops moving. Binds to {@link DurablesModel}.
 */
final class DurableMembersPane extends VBox {

    DurableMembersPane(DurablesModel model) {
        getStyleClass().add("durables-members");
        Label title = new Label();
        title.setId("durables-members-title");
        title.getStyleClass().add("durables-detail-title");
        title.textProperty().bind(model.membersTitleProperty());
        HBox head = new HBox(title);
        head.getStyleClass().add("pane-header");
        head.setAlignment(Pos.CENTER_LEFT);

        SortedList<DurableMemberRow> sorted = new SortedList<>(model.members());
        TableView<DurableMemberRow> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("durables-members");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label placeholder = new Label();
        placeholder.setId("durables-members-placeholder");
        placeholder.getStyleClass().add("empty-state");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.membersPlaceholderProperty());
        table.setPlaceholder(placeholder);
        table.getColumns().setAll(List.of(
                DurableColumns.text("Node", 150, DurableMemberRow::node),
                DurableColumns.text("Client", 140, DurableMemberRow::client),
                DurableColumns.text("Connection", 100, DurableMemberRow::connection),
                DurableColumns.text("Address", 150, DurableMemberRow::address),
                DurableColumns.text("Ack", 70, DurableMemberRow::ack),
                DurableColumns.number("In flight", 80, DurableMemberRow::inFlight, false),
                DurableColumns.text("Since", 80, DurableMemberRow::since)));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().setAll(head, table);
    }
}
