package ai.kind.kmb.ui.connect;

import java.io.File;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The embedded broker's saved settings, shown in the Connect view while the embedded profile is selected. Binds only. */
public final class EmbeddedSettingsView extends VBox {

    public EmbeddedSettingsView(EmbeddedSettingsModel model) {
        super(10);
        setId("embedded-settings");
        Label title = new Label("Embedded broker settings");
        title.getStyleClass().add("pane-title");
        Label hint = new Label("Saved with the other settings and used from the next start of KMB Studio. "
                + "Command-line flags (--backend, --redis-url, --postgres-url, --bus-name, --key-registry) "
                + "override them for the run they are given to.");
        hint.getStyleClass().add("pane-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        Label inUse = new Label();
        inUse.setId("embedded-in-use");
        inUse.getStyleClass().add("pane-hint");
        inUse.setWrapText(true);
        inUse.setMinHeight(Region.USE_PREF_SIZE);
        inUse.textProperty().bind(model.inUseProperty());

        Label fallbacks = ConnectView.banner("embedded-fallbacks", "info-banner");
        fallbacks.textProperty().bind(model.fallbacksProperty());
        ConnectView.bindShown(fallbacks, model.fallbacksProperty().isNotEmpty());

        Label error = ConnectView.banner("embedded-error", "error-banner");
        error.textProperty().bind(model.errorProperty());
        ConnectView.bindShown(error, model.errorProperty().isNotEmpty());

        Button save = new Button("Save settings");
        save.setId("embedded-save");
        save.setOnAction(e -> model.save());
        Button revert = new Button("Revert");
        revert.setId("embedded-revert");
        revert.setOnAction(e -> model.revert());
        Label message = new Label();
        message.setId("embedded-message");
        message.getStyleClass().add("pane-hint");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox buttons = new HBox(8, save, revert, message);
        buttons.setStyle("-fx-alignment: center-left;");

        getChildren().addAll(title, hint, inUse, fallbacks, form(model), error, buttons);
    }

    private static GridPane form(EmbeddedSettingsModel model) {
        GridPane form = ConnectView.formGrid("embedded-form");

        ChoiceBox<EmbeddedBrokerSettings.Backend> backend = new ChoiceBox<>(
                FXCollections.observableArrayList(EmbeddedBrokerSettings.Backend.values()));
        backend.setId("embedded-backend");
        backend.valueProperty().bindBidirectional(model.backendProperty());
        TextField url = new TextField();
        url.setId("embedded-url");
        url.textProperty().bindBidirectional(model.urlProperty());
        url.promptTextProperty().bind(model.urlPromptBinding());
        url.disableProperty().bind(model.sharedBinding().not());
        TextField busName = new TextField();
        busName.setId("embedded-bus-name");
        busName.setPromptText(EmbeddedBrokerSettings.DEFAULT_BUS_NAME);
        busName.textProperty().bindBidirectional(model.busNameProperty());
        busName.disableProperty().bind(model.sharedBinding().not());
        TextField keys = new TextField();
        keys.setId("embedded-key-registry");
        keys.setPromptText("keys.yaml in the data directory, when there is one");
        keys.textProperty().bindBidirectional(model.keyRegistryProperty());
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Key registry");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Key registries (*.yaml, *.yml, "
                    + "*.json)", "*.yaml", "*.yml", "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
            File chosen = chooser.showOpenDialog(browse.getScene().getWindow());
            if (chosen != null) {
                model.keyRegistryProperty().set(chosen.getAbsolutePath());
            }
        });
        form.addRow(0, new Label("Backend"), backend);
        form.addRow(1, new Label("URL"), url);
        form.addRow(2, new Label("Bus name"), busName);
        form.addRow(3, new Label("Key registry"), keys, browse);
        return form;
    }
}
