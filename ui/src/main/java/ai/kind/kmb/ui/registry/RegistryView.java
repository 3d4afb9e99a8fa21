package ai.kind.kmb.ui.registry;

import static ai.kind.kmb.ui.support.Controls.button;

import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.TopicDescriptor;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The registry browser: topics on the left; on the right the topic's settings, a version's schema
 * beside the proposed next version, and the compatibility verdict. Builds nodes and binds only.
 */
public final class RegistryView extends VBox {
    private final RegistryModel model;

    public RegistryView(RegistryModel model) {
        this.model = model;
        setId("registry-view");
        getStylesheets().add(Objects.requireNonNull(RegistryView.class.getResource("registry.css")).toExternalForm());
        Label title = new Label("Topic registry");
        title.getStyleClass().add("pane-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(title, spacer, button("Refresh", "registry-refresh", "Read the registry again",
                model::refresh));
        header.getStyleClass().add("pane-header");
        SplitPane split = new SplitPane(topicList(), topicPane());
        split.setDividerPositions(0.26);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label error = line("registry-error", "registry-problems");
        error.textProperty().bind(model.errorProperty());
        getChildren().setAll(header, error, split);
    }

    private VBox topicList() {
        ListView<TopicDescriptor> topics = new ListView<>(model.topics());
        topics.setId("registry-topics");
        topics.setPlaceholder(new Label("No described topics. Point kmb.topic_registry.path at a directory of"
                + " descriptors, such as sample-topics/."));
        topics.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(TopicDescriptor item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  " + item.latest().version()
                        + (item.latest().format().wireName().equals("protobuf") ? " · protobuf" : ""));
            }
        });
        topics.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> topics.getSelectionModel().select(now));
        Label problems = line("registry-problems", "registry-problems");
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.problems()),
                model.problems()));
        problems.setWrapText(true);
        VBox.setVgrow(topics, Priority.ALWAYS);
        return new VBox(topics, problems);
    }

    private VBox topicPane() {
        Label name = new Label();
        name.setId("registry-topic");
        name.getStyleClass().addAll("pane-title", "registry-section");
        name.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? "Pick a topic" : model.selectedProperty().get().name(), model.selectedProperty()));
        Label details = line("registry-details", "registry-details");
        details.setWrapText(true);
        details.textProperty().bind(model.detailsProperty());
        SplitPane schemas = new SplitPane(versionPane(), proposalPane());
        schemas.setOrientation(Orientation.HORIZONTAL);
        VBox.setVgrow(schemas, Priority.ALWAYS);
        Label verdict = line("registry-verdict", "registry-verdict");
        verdict.textProperty().bind(model.verdictProperty());
        ListView<Incompatibility> found = new ListView<>(model.incompatibilities());
        found.setId("registry-incompatibilities");
        found.setPrefHeight(120);
        found.setPlaceholder(new Label("Incompatibilities of a checked version are listed here."));
        found.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(Incompatibility item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
            }
        });
        return new VBox(name, details, schemas, verdict, found);
    }

    private VBox versionPane() {
        ComboBox<String> versions = new ComboBox<>(model.versions());
        versions.setId("registry-version");
        versions.valueProperty().bindBidirectional(model.versionProperty());
        TextArea schema = area("registry-schema", false);
        schema.textProperty().bind(model.schemaProperty());
        return new VBox(new HBox(8, section("Version"), versions), schema);
    }

    private VBox proposalPane() {
        TextArea proposal = area("registry-proposal", true);
        proposal.textProperty().bindBidirectional(model.proposalProperty());
        Button check = button("Check", "registry-check", "Check the proposal against earlier versions; writes nothing",
                model::check);
        Button register = button("Register", "registry-register",
                "Register the proposal as the next version if it is compatible", model::register);
        return new VBox(new HBox(8, section("Next version"), check, register), proposal);
    }

    private static TextArea area(String id, boolean editable) {
        TextArea area = new TextArea();
        area.setId(id);
        area.getStyleClass().add("registry-json");
        area.setEditable(editable);
        VBox.setVgrow(area, Priority.ALWAYS);
        return area;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll("pane-title", "registry-section");
        return label;
    }

    private static Label line(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setMaxWidth(Double.MAX_VALUE);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }
}
