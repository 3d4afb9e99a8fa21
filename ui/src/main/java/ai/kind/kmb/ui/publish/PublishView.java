package ai.kind.kmb.ui.publish;

import ai.kind.kmb.MessageType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The publish composer: the form on the left, replies and the sent history on the right. */
public final class PublishView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double TOPIC_MIN_WIDTH = 160;
    private static final KeyCombination SEND = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final PublishModel model;

    public PublishView(PublishModel model) {
        this.model = model;
        getStyleClass().add("publish-view");
        getStylesheets().add(Objects.requireNonNull(PublishView.class.getResource("publish.css")).toExternalForm());

        Label title = new Label("Publish");
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Send an event, a command or a query; commands and queries show their replies. "
                + SEND.getDisplayText() + " sends.");
        hint.getStyleClass().add("pane-hint");
        HBox header = new HBox(title, hint);
        header.getStyleClass().add("pane-header");

        Label error = new Label();
        error.setId("publish-error");
        error.getStyleClass().add("error-banner");
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        SplitPane results = new SplitPane(repliesPane(), historyPane());
        results.setOrientation(Orientation.VERTICAL);
        results.setDividerPositions(0.55);
        SplitPane main = new SplitPane(form(), results);
        main.setDividerPositions(0.45);
        setTop(new VBox(header, error));
        setCenter(main);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEND.match(e)) {
                model.send();
                e.consume();
            }
        });
    }

    private VBox form() {
        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("publish-topic");
        topic.setEditable(true);
        topic.setPromptText("topic, e.g. orders.place");
        topic.setMaxWidth(Double.MAX_VALUE);
        topic.getEditor().textProperty().bindBidirectional(model.topicProperty());
        topic.setOnShowing(e -> model.refreshTopics());
        HBox.setHgrow(topic, Priority.ALWAYS);
        Button template = new Button("Start from last message");
        template.setId("publish-template");
        template.setTooltip(new Tooltip("Fill the payload with the last message seen on this topic"));
        template.setOnAction(e -> model.useTemplate());

        ToggleGroup types = new ToggleGroup();
        HBox typeButtons = new HBox();
        typeButtons.getStyleClass().add("publish-types");
        for (MessageType each : PublishModel.SENDABLE) {
            ToggleButton button = new ToggleButton(each.wireName());
            button.setId("publish-type-" + each.wireName());
            button.setToggleGroup(types);
            button.setUserData(each);
            button.setSelected(model.typeProperty().get() == each);
            typeButtons.getChildren().add(button);
        }
        types.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one type is always chosen
            } else {
                model.typeProperty().set((MessageType) now.getUserData());
            }
        });
        model.typeProperty().addListener((obs, old, now) -> types.getToggles().forEach(
                t -> t.setSelected(t.getUserData() == now)));
        CheckBox durable = new CheckBox("Durable");
        durable.setId("publish-durable");
        durable.setTooltip(new Tooltip("Stored in the log (history, replay and durable subscribers see it); "
                + "otherwise delivered live only"));
        durable.selectedProperty().bindBidirectional(model.durableProperty());

        TextArea payload = new TextArea();
        payload.setId("publish-payload");
        payload.getStyleClass().add("publish-payload");
        payload.textProperty().bindBidirectional(model.payloadProperty());
        VBox.setVgrow(payload, Priority.ALWAYS);

        Button send = new Button("Send");
        send.setId("publish-send");
        send.getStyleClass().add("accent");
        send.setOnAction(e -> model.send());
        Button stop = new Button("Stop waiting");
        stop.setId("publish-stop");
        stop.disableProperty().bind(model.waitingProperty().not());
        stop.setOnAction(e -> model.stopWaiting());
        Label outcome = new Label();
        outcome.setId("publish-outcome");
        outcome.getStyleClass().add("publish-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());

        Button schemaTemplate = new Button("Start from schema");
        schemaTemplate.setId("publish-schema-template");
        schemaTemplate.setTooltip(new Tooltip("Fill the payload with a template made from the topic's registered schema"));
        schemaTemplate.setOnAction(e -> model.useSchemaTemplate());
        // The topic box gives way; the template buttons keep their whole names.
        topic.setMinWidth(TOPIC_MIN_WIDTH);
        template.setMinWidth(Region.USE_PREF_SIZE);
        schemaTemplate.setMinWidth(Region.USE_PREF_SIZE);
        VBox form = new VBox(label("Topic"), new HBox(8, topic, template, schemaTemplate), label("Type"), new HBox(16, typeButtons, durable),
                label("Payload (JSON)"), payload, new HBox(8, send, stop), outcome);
        form.getStyleClass().add("publish-form");
        return form;
    }

    private VBox repliesPane() {
        TableView<ReplyRow> table = new TableView<>(model.replies());
        table.setId("publish-replies");
        table.setPlaceholder(new Label("Replies to a command or query show here"));
        TableColumn<ReplyRow, String> after = new TableColumn<>("After");
        after.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().after().toMillis() + " ms"));
        after.setPrefWidth(80);
        TableColumn<ReplyRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().status()));
        status.setPrefWidth(100);
        TableColumn<ReplyRow, String> summary = new TableColumn<>("Reply");
        summary.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().summary()));
        summary.setPrefWidth(420);
        table.getColumns().setAll(java.util.List.of(after, status, summary));
        table.setRowFactory(view -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ReplyRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("reply-failed", "reply-ok");
                if (!empty && item != null) {
                    getStyleClass().add(item.failed() ? "reply-failed" : "reply-ok");
                }
            }
        });
        TextArea json = new TextArea();
        json.setId("publish-reply-json");
        json.getStyleClass().add("publish-payload");
        json.setEditable(false);
        json.setPromptText("Select a reply to see all of it");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> json.setText(
                now == null ? "" : now.json()));
        model.replies().addListener((javafx.collections.ListChangeListener<ReplyRow>) c -> {
            if (table.getSelectionModel().isEmpty() && !model.replies().isEmpty()) {
                json.setText(model.replies().getLast().json());
            }
        });
        SplitPane split = new SplitPane(table, json);
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        return new VBox(sectionTitle("Replies"), split);
    }

    private VBox historyPane() {
        ListView<SentMessage> list = new ListView<>(model.history());
        list.setId("publish-history");
        list.setPlaceholder(new Label("Nothing sent yet"));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(SentMessage item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : TIME.format(item.sentAt()) + "  "
                        + item.type().wireName().toUpperCase(Locale.ROOT) + "  " + item.topic() + "\n" + item.outcome());
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                model.load(list.getSelectionModel().getSelectedItem());
            }
        });
        Button load = new Button("Edit");
        load.setId("publish-load");
        load.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        load.setOnAction(e -> model.load(list.getSelectionModel().getSelectedItem()));
        Button resend = new Button("Send again");
        resend.setId("publish-resend");
        resend.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        resend.setOnAction(e -> model.resend(list.getSelectionModel().getSelectedItem()));
        HBox title = new HBox(8, sectionTitle("Sent"), load, resend);
        title.getStyleClass().add("publish-section");
        VBox.setVgrow(list, Priority.ALWAYS);
        return new VBox(title, list);
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("publish-label");
        return label;
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("pane-title", "publish-section");
        return label;
    }
}
