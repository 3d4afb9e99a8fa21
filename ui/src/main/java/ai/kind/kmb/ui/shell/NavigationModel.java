package ai.kind.kmb.ui.shell;

import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Which main views exist, in rail order, and which one is shown. No toolkit needed. */
public final class NavigationModel {
    private final ObservableList<Destination> destinations = FXCollections.observableArrayList();
    private final ObservableList<Destination> destinationsView = FXCollections.unmodifiableObservableList(destinations);
    private final ReadOnlyObjectWrapper<Destination> current = new ReadOnlyObjectWrapper<>();

    // ---- properties

    public ObservableList<Destination> destinations() {
        return destinationsView;
    }

    public ReadOnlyObjectProperty<Destination> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Destination current() {
        return current.get();
    }

    // ---- commands

    /** Adds a destination at the end of the rail; the first one added becomes current. */
    public void add(Destination destination) {
        if (find(destination.id()).isPresent()) {
            throw new IllegalArgumentException("a view with id '" + destination.id() + "' is already registered");
        }
        destinations.add(destination);
        if (current.get() == null) {
            current.set(destination);
        }
    }

    /** Shows the destination with this id; an unknown id is a programming error and fails fast. */
    public void go(String id) {
        current.set(find(id).orElseThrow(() -> new IllegalArgumentException("no view with id '" + id + "'")));
    }

    /** Shows the n-th destination (0-based), as Ctrl+1..9 and Ctrl+0 do; out of range does nothing. */
    public void goToIndex(int index) {
        if (index >= 0 && index < destinations.size()) {
            current.set(destinations.get(index));
        }
    }

    public Optional<Destination> find(String id) {
        return destinations.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
