package ai.kind.kmb.ui.snapshots;

import ai.kind.kmb.Json;
import ai.kind.kmb.snapshot.Snapshot;
import ai.kind.kmb.snapshot.SnapshotInfo;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The snapshots view: every agent with its latest snapshot (narrowed by a name filter), the kept
 * snapshots of the agent picked, and the one picked with its state as JSON.
 */
public final class SnapshotsModel {
    private final CurrentConnection connection;
    private final UiExecutors executors;

    private final StringProperty agentFilter = new SimpleStringProperty("");
    private final ObservableList<SnapshotInfo> agents = FXCollections.observableArrayList();
    private final ObservableList<SnapshotInfo> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Snapshot> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private List<SnapshotInfo> allAgents = List.of();

    public SnapshotsModel(CurrentConnection connection, UiExecutors executors) {
        this.connection = connection;
        this.executors = executors;
        agentFilter.addListener((obs, old, now) -> applyFilter());
    }

    // ---- properties

    public StringProperty agentFilterProperty() {
        return agentFilter;
    }

    /** The latest snapshot of each agent the filter lets through, by agent name. */
    public ObservableList<SnapshotInfo> agents() {
        return FXCollections.unmodifiableObservableList(agents);
    }

    /** The kept snapshots of the agent picked, newest first. */
    public ObservableList<SnapshotInfo> history() {
        return FXCollections.unmodifiableObservableList(history);
    }

    public ReadOnlyObjectProperty<Snapshot> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The shown snapshot's state, pretty JSON. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** One line on the shown snapshot: agent, offset covered, filters, time, size. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // ---- commands

    public void refresh() {
        Tasks.onBus(executors, connection, bus -> bus.snapshots().agents(), listed -> {
            error.set("");
            allAgents = listed;
            applyFilter();
        }, failure -> error.set(Tasks.failure("Listing snapshots", failure)));
    }

    /** Lists the agent's kept snapshots and shows the newest. */
    public void pickAgent(SnapshotInfo latest) {
        if (latest == null) {
            history.clear();
            show(null);
            return;
        }
        Tasks.onBus(executors, connection, bus -> bus.snapshots().history(latest.agent()), listed -> {
            history.setAll(listed);
            pickSnapshot(listed.isEmpty() ? null : listed.getFirst());
        }, failure -> error.set(Tasks.failure("Listing the snapshots of " + latest.agent(), failure)));
    }

    /** Reads one snapshot whole, state included, and shows it. */
    public void pickSnapshot(SnapshotInfo info) {
        if (info == null) {
            show(null);
            return;
        }
        Tasks.onBus(executors, connection, bus -> bus.snapshots().get(info.agent(), info.id()), this::show,
                failure -> error.set(Tasks.failure("Reading snapshot " + info.id(), failure)));
    }

    private void show(Snapshot snapshot) {
        shown.set(snapshot);
        if (snapshot == null) {
            state.set("");
            summary.set("");
            return;
        }
        SnapshotInfo info = snapshot.info();
        summary.set(info.agent() + " · covers offset " + info.offset() + " of "
                + (info.filters().isEmpty() ? "no filters" : String.join(", ", info.filters())) + " · taken "
                + info.takenAt() + " · " + info.bytes() + " bytes");
        try {
            state.set(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(snapshot.state()));
        } catch (JsonProcessingException e) {
            state.set(String.valueOf(snapshot.state()));
        }
    }

    private void applyFilter() {
        String wanted = agentFilter.get() == null ? "" : agentFilter.get().strip().toLowerCase(Locale.ROOT);
        agents.setAll(allAgents.stream().filter(info -> info.agent().toLowerCase(Locale.ROOT).contains(wanted)).toList());
    }
}
