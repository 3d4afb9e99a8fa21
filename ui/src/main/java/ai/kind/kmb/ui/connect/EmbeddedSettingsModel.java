package ai.kind.kmb.ui.connect;

import ai.kind.kmb.KmbException;
import ai.kind.kmb.signing.KeyRegistry;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The embedded broker's saved settings as a form: the backend (its own store, Redis or PostgreSQL
 * with URL and bus name) and the key registry file. Save checks the form and writes it only when
 * it can be used, since a setting that cannot start the broker would be found only at the next
 * start; what this run uses is shown beside it.
 */
public final class EmbeddedSettingsModel {
    private final Consumer<EmbeddedBrokerSettings> saver;
    private final ObjectProperty<EmbeddedBrokerSettings.Backend> backend = new SimpleObjectProperty<>();
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty busName = new SimpleStringProperty("");
    private final StringProperty keyRegistry = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inUse;
    private final ReadOnlyStringWrapper fallbacks;
    private final BooleanBinding shared = Bindings.createBooleanBinding(
            () -> backend.get() != null && backend.get().shared(), backend);
    private final StringBinding urlPrompt = Bindings.createStringBinding(
            () -> backend.get() == null || !backend.get().shared() ? "not used by the embedded store"
                    : backend.get().exampleUrl(), backend);
    private EmbeddedBrokerSettings saved;

    /**
     * @param saved what the settings file holds now
     * @param saver writes the settings file
     * @param run   what this run's broker uses
     */
    public EmbeddedSettingsModel(EmbeddedBrokerSettings saved, Consumer<EmbeddedBrokerSettings> saver, EmbeddedRun run) {
        this.saver = saver;
        this.inUse = new ReadOnlyStringWrapper(run.describe());
        this.fallbacks = new ReadOnlyStringWrapper(String.join("\n", run.fallbacks()));
        load(saved);
        backend.addListener((obs, old, now) -> error.set(""));
    }

    // ---- properties

    public ObjectProperty<EmbeddedBrokerSettings.Backend> backendProperty() {
        return backend;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty busNameProperty() {
        return busName;
    }

    /** Blank for {@code keys.yaml} in the data directory. */
    public StringProperty keyRegistryProperty() {
        return keyRegistry;
    }

    /** Why the form was not saved, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The outcome of the last save or revert. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What this run's embedded broker uses, and which command-line flags chose it. */
    public ReadOnlyStringProperty inUseProperty() {
        return inUse.getReadOnlyProperty();
    }

    /** The saved settings this run could not use, and why; empty when it used them (or flags overrode them). */
    public ReadOnlyStringProperty fallbacksProperty() {
        return fallbacks.getReadOnlyProperty();
    }

    /** Redis or PostgreSQL: the URL and bus name are used. */
    public BooleanBinding sharedBinding() {
        return shared;
    }

    public StringBinding urlPromptBinding() {
        return urlPrompt;
    }

    // ---- commands

    /** Checks the form and saves it for the next start; false, with the reason in {@link #errorProperty()}, if refused. */
    public boolean save() {
        EmbeddedBrokerSettings edited = new EmbeddedBrokerSettings(backend.get(), url.get(), busName.get(),
                keyRegistry.get());
        Optional<String> problem = edited.problem().or(() -> keyRegistryProblem(edited.keyRegistry()));
        if (problem.isPresent()) {
            error.set(problem.get());
            message.set("");
            return false;
        }
        saver.accept(edited);
        saved = edited;
        load(edited);
        message.set("Saved. KMB Studio starts its embedded broker with these settings next time.");
        return true;
    }

    /** Puts the saved settings back in the form. */
    public void revert() {
        load(saved);
        message.set("");
    }

    private void load(EmbeddedBrokerSettings settings) {
        saved = settings;
        backend.set(settings.backend());
        url.set(settings.url() == null ? "" : settings.url());
        busName.set(settings.busName());
        keyRegistry.set(settings.keyRegistry() == null ? "" : settings.keyRegistry());
        error.set("");
    }

    /** A key registry that will not load would stop the broker starting: it is read now, as the broker will. */
    private static Optional<String> keyRegistryProblem(String file) {
        if (file == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            return Optional.of("The key registry '" + file + "' is not a file path: " + e.getReason() + ".");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("The key registry " + file + " is not a file.");
        }
        try {
            KeyRegistry.load(path);
            return Optional.empty();
        } catch (KmbException e) {
            return Optional.of("The key registry cannot be used: " + e.getMessage());
        }
    }
}
