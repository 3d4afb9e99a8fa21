package ai.kind.kmb.ui.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Connect view's state: the saved profiles, the one selected, a form to edit a remote profile,
 * and connecting. Whether a profile can be opened in this build comes from the {@link Connector},
 * and the reason it cannot is shown as it is, before anyone clicks.
 */
public final class ConnectModel {
    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");
    public static final String DEFAULT_URL = "http://127.0.0.1:7420";

    private final ProfileStore store;
    private final ConnectionManager manager;
    private final Consumer<String> rememberLast;
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty trustFile = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper availability = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper localUrl = new ReadOnlyStringWrapper("");
    private final BooleanBinding editable = Bindings.createBooleanBinding(
            () -> selected.get() == null || !selected.get().isEmbedded(), selected);
    private final BooleanBinding canConnect;

    public ConnectModel(ProfileStore store, ConnectionManager manager, Consumer<String> rememberLast) {
        this.store = store;
        this.manager = manager;
        this.rememberLast = rememberLast;
        profiles.setAll(store.load());
        selected.addListener((obs, old, now) -> load(now));
        canConnect = Bindings.createBooleanBinding(() -> selected.get() != null && availability.get().isEmpty()
                && !manager.switchingProperty().get(), selected, availability, manager.switchingProperty());
        selected.set(profiles.getFirst());
    }

    // ---- properties

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty trustFileProperty() {
        return trustFile;
    }

    /** Why the selected profile cannot be used in this build, or empty. */
    public ReadOnlyStringProperty availabilityProperty() {
        return availability.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    /** The outcome of the last action, for a line under the buttons. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The embedded profile is built in: its fields cannot be edited and it cannot be deleted. */
    public BooleanBinding editableBinding() {
        return editable;
    }

    public BooleanBinding canConnectBinding() {
        return canConnect;
    }

    /** Where agents and kmbctl on this machine reach the embedded broker; empty when it does not listen. */
    public ReadOnlyStringProperty localUrlProperty() {
        return localUrl.getReadOnlyProperty();
    }

    public ConnectionManager manager() {
        return manager;
    }

    // ---- commands

    public void localUrl(String url) {
        localUrl.set(url == null ? "" : url);
    }

    /** Starts a new remote profile: an empty form, saved by {@link #save()}. */
    public void newRemote() {
        selected.set(null);
        name.set(uniqueName("Remote"));
        url.set(DEFAULT_URL);
        token.set("");
        trustFile.set("");
        formError.set("");
        message.set("");
        availability.set(manager.unavailableReason(ConnectionProfile.remote("draft", DEFAULT_URL, null, null))
                .orElse(""));
    }

    /** Validates the form and saves it as the selected profile (or a new one); false with a reason if refused. */
    public boolean save() {
        Optional<String> problem = validate();
        if (problem.isPresent()) {
            formError.set(problem.get());
            return false;
        }
        ConnectionProfile edited = ConnectionProfile.remote(name.get().trim(), url.get().trim(), token.get(),
                trustFile.get());
        ConnectionProfile before = selected.get();
        int index = before == null ? -1 : profiles.indexOf(before);
        if (index >= 0) {
            profiles.set(index, edited);
        } else {
            profiles.add(edited);
        }
        store.save(profiles);
        selected.set(edited);
        message.set("Saved '" + edited.name() + "' to " + store.file());
        return true;
    }

    public void delete() {
        ConnectionProfile chosen = selected.get();
        if (chosen == null || chosen.isEmbedded()) {
            return;
        }
        profiles.remove(chosen);
        store.save(profiles);
        selected.set(profiles.getFirst());
        message.set("Deleted '" + chosen.name() + "'");
    }

    /** Connects to the selected profile, switching away from the current bus once the new one is open. */
    public CompletableFuture<Void> connect() {
        ConnectionProfile chosen = selected.get();
        if (chosen == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no profile selected"));
        }
        message.set("Connecting to " + chosen.name() + "…");
        return manager.connect(chosen).whenComplete((done, error) -> {
            if (error == null) {
                rememberLast.accept(chosen.name());
            }
        }).thenRun(() -> message.set("Connected to " + chosen.name()));
    }

    private void load(ConnectionProfile profile) {
        formError.set("");
        if (profile == null) {
            return;
        }
        name.set(profile.name());
        url.set(profile.url() == null ? "" : profile.url());
        token.set(profile.token() == null ? "" : profile.token());
        trustFile.set(profile.trustFile() == null ? "" : profile.trustFile());
        availability.set(manager.unavailableReason(profile).orElse(""));
    }

    private Optional<String> validate() {
        String trimmed = name.get() == null ? "" : name.get().trim();
        if (trimmed.isEmpty()) {
            return Optional.of("A profile needs a name.");
        }
        ConnectionProfile before = selected.get();
        boolean taken = profiles.stream().anyMatch(p -> p.name().equals(trimmed) && p != before);
        if (taken) {
            return Optional.of("There is already a profile named '" + trimmed + "'.");
        }
        try {
            URI uri = new URI(url.get() == null ? "" : url.get().trim());
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                return Optional.of("The URL must look like http://host:7420 (http, https, ws or wss).");
            }
        } catch (URISyntaxException e) {
            return Optional.of("The URL is not valid: " + e.getReason() + ".");
        }
        String trust = trustFile.get() == null ? "" : trustFile.get().trim();
        if (!trust.isEmpty() && !Files.isReadable(Path.of(trust))) {
            return Optional.of("The TLS trust file " + trust + " cannot be read.");
        }
        return Optional.empty();
    }

    private String uniqueName(String base) {
        for (int n = 1; ; n++) {
            String candidate = base + " " + n;
            if (profiles.stream().noneMatch(p -> p.name().equals(candidate))) {
                return candidate;
            }
        }
    }
}
