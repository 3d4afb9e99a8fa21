package ai.kind.kmb.ui.connect;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Saved profiles on the left, the selected one's form and the Connect button on the right. Binds only. */
public final class ConnectView extends HBox {

    public ConnectView(ConnectModel model, EmbeddedSettingsModel embedded) {
        setId("connect-view");
        getChildren().addAll(profileList(model), details(model, new EmbeddedSettingsView(embedded)));
    }

    private static VBox profileList(ConnectModel model) {
        Label title = new Label("Connection profiles");
        title.getStyleClass().add("pane-title");
        HBox header = new HBox(title);
        header.getStyleClass().add("pane-header");
        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setId("profile-list");
        list.getStyleClass().add("profile-list");
        list.setCellFactory(view -> new ProfileCell());
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(now);
            }
        });
        Button add = new Button("New remote…");
        add.setId("new-remote");
        add.setOnAction(e -> model.newRemote());
        Button delete = new Button("Delete");
        delete.setId("delete-profile");
        delete.disableProperty().bind(Bindings.createBooleanBinding(() -> model.selectedProperty().get() == null
                || model.selectedProperty().get().isEmbedded(), model.selectedProperty()));
        delete.setOnAction(e -> model.delete());
        HBox buttons = new HBox(8, add, delete);
        buttons.setStyle("-fx-padding: 8;");
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(header, list, buttons);
        // Its own width, whatever the details ask for: the list must not jump as profiles are picked.
        box.setPrefWidth(300);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 0 1 0 0;");
        return box;
    }

    private static VBox details(ConnectModel model, EmbeddedSettingsView embeddedSettings) {
        Label title = new Label("Connection");
        title.getStyleClass().add("pane-title");
        HBox header = new HBox(title);
        header.getStyleClass().add("pane-header");

        Label current = new Label();
        current.setId("current-connection");
        current.setWrapText(true);
        current.textProperty().bind(Bindings.createStringBinding(
                () -> "In use: " + model.manager().statusProperty().get().detail(), model.manager().statusProperty()));

        Label availability = banner("availability-banner", "info-banner");
        availability.textProperty().bind(model.availabilityProperty());
        bindShown(availability, model.availabilityProperty().isNotEmpty());

        Label embeddedNote = new Label("The embedded broker runs inside KMB Studio and also listens on 127.0.0.1, "
                + "so agents and kmbctl on this machine can join it.");
        embeddedNote.setWrapText(true);
        embeddedNote.getStyleClass().add("pane-hint");
        bindShown(embeddedNote, model.editableBinding().not());
        bindShown(embeddedSettings, model.editableBinding().not());

        GridPane form = form(model);
        bindShown(form, model.editableBinding());

        Label formError = banner("form-error", "error-banner");
        formError.textProperty().bind(model.formErrorProperty());
        bindShown(formError, model.formErrorProperty().isNotEmpty());
        Label lastError = banner("connect-error", "error-banner");
        lastError.textProperty().bind(model.manager().lastErrorProperty());
        bindShown(lastError, model.manager().lastErrorProperty().isNotEmpty()
                .and(model.availabilityProperty().isEmpty()));

        Button save = new Button("Save profile");
        save.setId("save-profile");
        save.setOnAction(e -> model.save());
        bindShown(save, model.editableBinding());
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.canConnectBinding().not());
        connect.setOnAction(e -> model.connect());
        Label message = new Label();
        message.setId("connect-message");
        message.getStyleClass().add("pane-hint");
        message.textProperty().bind(model.messageProperty());
        HBox buttons = new HBox(8, save, connect, message);
        buttons.setStyle("-fx-alignment: center-left;");

        Label localAccess = new Label();
        localAccess.setId("local-access");
        localAccess.getStyleClass().add("pane-hint");
        localAccess.setWrapText(true);
        localAccess.setMinHeight(Region.USE_PREF_SIZE);
        localAccess.textProperty().bind(Bindings.createStringBinding(() -> "Agents and kmbctl on this machine reach "
                + "the embedded broker at " + model.localUrlProperty().get() + ", for example:\n    KMB_URL="
                + model.localUrlProperty().get() + " kmbctl publish agent.health.heartbeat '{\"agent\":\"me\"}'",
                model.localUrlProperty()));
        bindShown(localAccess, model.localUrlProperty().isNotEmpty());

        Separator beforeSettings = new Separator();
        bindShown(beforeSettings, model.editableBinding().not());

        VBox body = new VBox(12, current, availability, embeddedNote, form, formError, lastError, buttons,
                new Separator(), localAccess, beforeSettings, embeddedSettings);
        body.setStyle("-fx-padding: 16; -fx-max-width: 720;");
        // The embedded broker's settings make the pane taller than a small window: it scrolls rather than clips.
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(header, scroll);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    /** A form of label, field and button columns, where labels keep their width and fields take the rest. */
    static GridPane formGrid(String id) {
        GridPane form = new GridPane();
        form.setId(id);
        form.getStyleClass().add("connect-form");
        form.setStyle("-fx-padding: 0;");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields, new ColumnConstraints());
        return form;
    }

    private static GridPane form(ConnectModel model) {
        GridPane form = formGrid("profile-form");

        TextField name = field("profile-name", "staging");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextField url = field("profile-url", ConnectModel.DEFAULT_URL);
        url.textProperty().bindBidirectional(model.urlProperty());
        PasswordField token = new PasswordField();
        token.setId("profile-token");
        token.setPromptText("optional JWT");
        token.textProperty().bindBidirectional(model.tokenProperty());
        TextField trust = field("profile-trust", "optional PEM file of certificates to trust");
        trust.textProperty().bindBidirectional(model.trustFileProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("TLS trust file");
            File chosen = chooser.showOpenDialog(browse.getScene().getWindow());
            if (chosen != null) {
                model.trustFileProperty().set(chosen.getAbsolutePath());
            }
        });
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("URL"), url);
        form.addRow(2, new Label("Token"), token);
        form.addRow(3, new Label("TLS trust file"), trust, browse);
        return form;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    static Label banner(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    static void bindShown(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }
}
