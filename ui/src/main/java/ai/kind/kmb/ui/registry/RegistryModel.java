package ai.kind.kmb.ui.registry;

import ai.kind.kmb.Json;
import ai.kind.kmb.registry.CompatibilityVerdict;
import ai.kind.kmb.registry.Incompatibility;
import ai.kind.kmb.registry.RegistryProblem;
import ai.kind.kmb.registry.TopicDescriptor;
import ai.kind.kmb.registry.TopicVersion;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The registry browser: the described topics, one topic's versions with a chosen version's schema
 * beside a proposed next version, and the compatibility verdict on that proposal (checked as a
 * dry run, or registered). Registry calls run in the background; results land on the UI executor.
 */
public final class RegistryModel {
    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final ObservableList<TopicDescriptor> topics = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<TopicDescriptor> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final StringProperty version = new SimpleStringProperty();
    private final ReadOnlyStringWrapper schema = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final StringProperty proposal = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ObservableList<Incompatibility> incompatibilities = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public RegistryModel(CurrentConnection connection, UiExecutors executors) {
        this.connection = connection;
        this.executors = executors;
        selected.addListener((obs, old, now) -> select(old, now));
        version.addListener((obs, old, now) -> showVersion(now));
    }

    // ---- properties

    public ObservableList<TopicDescriptor> topics() {
        return topics;
    }

    /** Descriptors that failed to load: "file:line: why". */
    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<TopicDescriptor> selectedProperty() {
        return selected;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    /** The version shown on the left; the latest when a topic is picked. */
    public StringProperty versionProperty() {
        return version;
    }

    public ReadOnlyStringProperty schemaProperty() {
        return schema.getReadOnlyProperty();
    }

    /** Owner, mode, durability, retention, signatures, rate limit and what happens to invalid payloads. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The proposed next version, starting as a copy of the latest. */
    public StringProperty proposalProperty() {
        return proposal;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ObservableList<Incompatibility> incompatibilities() {
        return incompatibilities;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- commands

    /** Reads the registry again, keeping the selected topic when it is still there. */
    public void refresh() {
        Tasks.onBus(executors, connection, bus -> new Listing(bus.registry().topics(), bus.registry().problems()),
                listing -> {
                    String keep = selected.get() == null ? null : selected.get().name();
                    topics.setAll(listing.topics());
                    problems.setAll(listing.problems().stream().map(RegistryProblem::toString).toList());
                    error.set("");
                    selected.set(listing.topics().stream().filter(topic -> topic.name().equals(keep)).findFirst()
                            .orElse(listing.topics().isEmpty() ? null : listing.topics().getFirst()));
                },
                failure -> error.set(Tasks.failure("Reading the registry", failure)));
    }

    /** Checks the proposal as the topic's next version without writing it. */
    public void check() {
        submit(true);
    }

    /** Registers the proposal as the topic's next version when it is compatible. */
    public void register() {
        submit(false);
    }

    private void submit(boolean dryRun) {
        TopicDescriptor topic = selected.get();
        if (topic == null) {
            error.set("Pick a topic first");
            return;
        }
        JsonNode candidate;
        try {
            candidate = Json.mapper().readTree(proposal.get());
        } catch (JsonProcessingException e) {
            error.set("The proposed schema is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        error.set("");
        Tasks.onBus(executors, connection, bus -> bus.registry().register(topic.name(), candidate, dryRun),
                answer -> {
                    shown(answer);
                    if (answer.registered()) {
                        refresh();
                    }
                },
                failure -> error.set(Tasks.failure(dryRun ? "Checking compatibility" : "Registering", failure)));
    }

    private void shown(CompatibilityVerdict answer) {
        incompatibilities.setAll(answer.incompatibilities());
        if (!answer.compatible()) {
            int count = answer.incompatibilities().size();
            verdict.set(answer.version() + " is not " + answer.mode() + " compatible: " + count
                    + (count == 1 ? " incompatibility" : " incompatibilities"));
        } else if (answer.registered()) {
            verdict.set("Registered " + answer.topic() + " " + answer.version() + " (" + answer.mode() + " compatible)");
        } else {
            verdict.set(answer.version() + " would be " + answer.mode() + " compatible (nothing written)");
        }
    }

    /** A refresh re-selects the same topic (now with any version just registered): its verdict stays. */
    private void select(TopicDescriptor before, TopicDescriptor topic) {
        if (before == null || topic == null || !before.name().equals(topic.name())) {
            verdict.set("");
            incompatibilities.clear();
        }
        if (topic == null) {
            versions.clear();
            details.set("");
            proposal.set("");
            version.set(null);
            return;
        }
        versions.setAll(topic.versions().stream().map(TopicVersion::version).toList());
        details.set(RegistryText.details(topic));
        proposal.set(RegistryText.pretty(topic.latest().schema()));
        version.set(null);
        version.set(topic.latest().version());
    }

    private void showVersion(String name) {
        TopicDescriptor topic = selected.get();
        schema.set(topic == null || name == null ? "" : topic.version(name)
                .map(shown -> RegistryText.pretty(shown.schema())).orElse(""));
    }

    private record Listing(List<TopicDescriptor> topics, List<RegistryProblem> problems) {
    }
}
