package ai.kind.kmb.ui.dlq;

import static ai.kind.kmb.ui.support.Controls.banner;
import static ai.kind.kmb.ui.support.Controls.button;

import ai.kind.kmb.dlq.DeadLetter;
import ai.kind.kmb.ui.support.FileDialogs;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The dead-letter viewer: reasons on the left, letters in the middle, the picked one below to read or edit. */
public final class DeadLetterView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final DeadLetterModel model;
    private final FileDialogs files;
    private final Predicate<String> confirm;

    /**
     * @param confirm asks the person to confirm a question (purge), true to go ahead; a dialog in the app
     */
    public DeadLetterView(DeadLetterModel model, FileDialogs files, Predicate<String> confirm) {
        this.model = model;
        this.files = files;
        this.confirm = confirm;
        getStyleClass().add("dlq-view");
        getStylesheets().add(Objects.requireNonNull(DeadLetterView.class.getResource("dlq.css")).toExternalForm());

        SplitPane bottom = new SplitPane(readPane(), editPane());
        SplitPane lettersAndDetail = new SplitPane(letterTable(), bottom);
        lettersAndDetail.setOrientation(Orientation.VERTICAL);
        lettersAndDetail.setDividerPositions(0.55);
        SplitPane main = new SplitPane(reasonList(), lettersAndDetail);
        main.setDividerPositions(0.16);
        setTop(new VBox(header(), banner("dlq-status", "info-banner", model.statusProperty()),
                banner("dlq-error", "error-banner", model.errorProperty())));
        setCenter(main);
    }

    private HBox header() {
        Label title = new Label("Dead letters");
        title.getStyleClass().add("pane-title");
        TextField filter = new TextField();
        filter.setId("dlq-filter");
        filter.setPromptText("original topic filter, e.g. orders.#");
        filter.setPrefColumnCount(18);
        filter.textProperty().bindBidirectional(model.topicFilterProperty());
        Button refresh = button("Refresh", "dlq-refresh", "Read the dead-letter queue again", model::refresh);
        TextField target = new TextField();
        target.setId("dlq-target");
        target.setPromptText("requeue to (blank: original topic)");
        target.setPrefColumnCount(22);
        Button requeue = button("Requeue", "dlq-requeue", "Publish the selected letters again and remove them",
                () -> model.requeue(target.getText()));
        Button delete = button("Delete", "dlq-delete", "Remove the selected letters", model::delete);
        Button purge = button("Purge…", "dlq-purge", "Remove every letter the filter shows", () -> {
            if (model.shown() > 0 && confirm.test("Purge " + model.shown() + " dead letters? They cannot be brought back.")) {
                model.purge();
            }
        });
        purge.getStyleClass().add("danger");
        Button export = button("Export…", "dlq-export", "Write the selected letters (or all shown) to a recording file",
                () -> files.save("Export dead letters", "dead-letters.ndjson").ifPresent(model::export));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(title, filter, refresh, spacer, target, requeue, delete, purge, export);
        header.getStyleClass().add("pane-header");
        return header;
    }

    private ListView<ReasonCount> reasonList() {
        ListView<ReasonCount> reasons = new ListView<>(model.reasons());
        reasons.setId("dlq-reasons");
        reasons.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(ReasonCount item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        });
        reasons.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                model.reasonProperty().set(now == null ? null : now.reason()));
        return reasons;
    }

    private TableView<DeadLetter> letterTable() {
        TableView<DeadLetter> table = new TableView<>(model.letters());
        table.setId("dlq-letters");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No dead letters. Messages land here when they are rejected, expire or fail "
                + "too often."));
        table.getColumns().setAll(List.of(
                column("Reason", 120, l -> l.death().reason().wireName()),
                column("Original topic", 220, l -> l.death().originalTopic()),
                column("Subscriber", 160, l -> Objects.requireNonNullElse(l.death().subscriber(), "-")),
                column("Deliveries", 96, l -> Integer.toString(l.death().deliveryCount())),
                column("Deaths", 76, l -> Integer.toString(l.death().deaths())),
                column("Last death", 120, l -> TIME.format(l.death().lastDeath())),
                column("Last error", 260, l -> Objects.requireNonNullElse(l.death().lastError(), ""))));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DeadLetter>) change ->
                model.select(List.copyOf(table.getSelectionModel().getSelectedItems())));
        return table;
    }

    private VBox readPane() {
        TextArea detail = new TextArea();
        detail.setId("dlq-detail");
        detail.getStyleClass().add("dlq-json");
        detail.setEditable(false);
        detail.setPromptText("Select a letter to read it");
        detail.textProperty().bind(model.detailProperty());
        VBox.setVgrow(detail, Priority.ALWAYS);
        return new VBox(section("Letter"), detail);
    }

    private VBox editPane() {
        TextArea editor = new TextArea();
        editor.setId("dlq-editor");
        editor.getStyleClass().add("dlq-json");
        editor.setPromptText("Select one letter to edit its message and resend it");
        editor.textProperty().bindBidirectional(model.editorProperty());
        VBox.setVgrow(editor, Priority.ALWAYS);
        Button resend = button("Resend edited", "dlq-resend", "Publish this message in place of the letter", model::resend);
        resend.getStyleClass().add("accent");
        resend.disableProperty().bind(Bindings.isEmpty(model.editorProperty()));
        HBox title = new HBox(8, section("Edit and resend"), resend);
        title.getStyleClass().add("dlq-section-bar");
        return new VBox(title, editor);
    }

    private static TableColumn<DeadLetter, String> column(String title, double width, Function<DeadLetter, String> value) {
        TableColumn<DeadLetter, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("pane-title", "dlq-section");
        return label;
    }
}
