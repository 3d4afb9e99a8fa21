package ai.kind.kmb.ui.durables;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.durable.DurableInfo;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The durable consumers of the connected bus with their progress, read again every
 * {@link #refreshEvery()} while the view is shown: the read runs in the background and its result
 * is applied on the UI executor. A read asked for while one is under way runs once that one ends,
 * so a slow broker never has reads piling up; a read of a bus the Studio has left since is dropped.
 * The durable picked stays picked, by name, across reads, with its figures and its members on
 * every node that serves it; Delete acts on it.
 */
public final class DurablesModel {
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(2);
    static final String READING = "Reading the durable consumers…";
    static final String EMPTY = """
            No durable consumers on this bus yet.

            A durable is a named subscription: the broker keeps its position across restarts and \
            redelivers what was not acknowledged, so it gets every message at least once. An agent makes \
            one by subscribing with a name: SubscribeOptions.durable("billing", "invoices.#") in the Java \
            SDK, or "durable":"billing" in a WebSocket sub frame (protocol.md). kmbctl durables list shows \
            this list in a terminal.""";
    static final String UNREACHABLE = "The broker could not be reached: see the red line above. It is asked again "
            + "every few seconds.";
    static final String PICK_FOR_MEMBERS = "Pick a durable: its members on every node that serves it, who each is "
            + "and what it holds, show here.";

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final Clock clock;
    private final Duration refreshEvery;

    private final ObservableList<DurableInfo> durables = FXCollections.observableArrayList();
    // One read-only view of each list, kept: a view's listeners are lost once nothing holds it.
    private final ObservableList<DurableInfo> durablesView = FXCollections.unmodifiableObservableList(durables);
    private final ReadOnlyObjectWrapper<DurableInfo> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DurableDetail> details = FXCollections.observableArrayList();
    private final ObservableList<DurableDetail> detailsView = FXCollections.unmodifiableObservableList(details);
    private final ObservableList<DurableMemberRow> members = FXCollections.observableArrayList();
    private final ObservableList<DurableMemberRow> membersView = FXCollections.unmodifiableObservableList(members);
    private final ReadOnlyStringWrapper membersTitle = new ReadOnlyStringWrapper("Members");
    private final ReadOnlyStringWrapper membersPlaceholder = new ReadOnlyStringWrapper(PICK_FOR_MEMBERS);
    private final ReadOnlyBooleanWrapper shared = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper deleting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(READING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final BooleanBinding canDelete = selected.isNotNull().and(deleting.not());
    private String selectedName;
    private Instant readAt;
    private boolean reading;
    private boolean readAgain;
    private boolean applying;

    public DurablesModel(CurrentConnection connection, UiExecutors executors, Clock clock, Duration refreshEvery) {
        this.connection = connection;
        this.executors = executors;
        this.clock = clock;
        this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
        connection.value().addListener((obs, old, now) -> switched());
    }

    public DurablesModel(CurrentConnection connection, UiExecutors executors, Clock clock) {
        this(connection, executors, clock, REFRESH_EVERY);
    }

    // ---- properties

    /** How often the view reads the durables again while it is shown. */
    public Duration refreshEvery() {
        return refreshEvery;
    }

    /** The durables by name, as last read. */
    public ObservableList<DurableInfo> durables() {
        return durablesView;
    }

    public ReadOnlyObjectProperty<DurableInfo> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The picked durable's figures, each with what it means. */
    public ObservableList<DurableDetail> details() {
        return detailsView;
    }

    /** The picked durable's members on every node that serves it: where each is, who and what it holds. */
    public ObservableList<DurableMemberRow> members() {
        return membersView;
    }

    /** "Members of billing on this broker" ("on 2 nodes" on a shared bus). */
    public ReadOnlyStringProperty membersTitleProperty() {
        return membersTitle.getReadOnlyProperty();
    }

    /** What the empty members table says: pick a durable, or why the picked one has none here. */
    public ReadOnlyStringProperty membersPlaceholderProperty() {
        return membersPlaceholder.getReadOnlyProperty();
    }

    /** True when some durable is kept by a shared bus, so claims by node mean something. */
    public ReadOnlyBooleanProperty sharedProperty() {
        return shared.getReadOnlyProperty();
    }

    public BooleanBinding canDelete() {
        return canDelete;
    }

    /** "2 durables · 15 unsettled · 3 members here · read at 12:03:04" ("on 2 nodes" on a shared bus), or that the rows are not current. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the empty table says: reading, what a durable is and how to make one, or that the broker is unreachable. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Why the last read failed; empty once one succeeds. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the last delete failed; reads do not clear it, another pick or delete does. */
    public ReadOnlyStringProperty actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    /** What the last delete did. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // ---- commands

    public void refresh() {
        if (reading) {
            readAgain = true;
            return;
        }
        BusConnection bus;
        try {
            bus = connection.require();
        } catch (RuntimeException e) {
            readFailed(e);
            return;
        }
        reading = true;
        Tasks.run(executors, () -> bus.durables().list(),
                listed -> settled(bus, () -> show(listed)), failure -> settled(bus, () -> readFailed(failure)));
    }

    /** Picks a durable (null: none). Ignored while a read replaces the rows, which a table reports as losing its pick. */
    public void select(DurableInfo durable) {
        if (applying) {
            return;
        }
        if (durable == null ? selectedName != null : !durable.name().equals(selectedName)) {
            actionError.set("");
            notice.set("");
        }
        selectedName = durable == null ? null : durable.name();
        pick(durable);
    }

    /** What to ask before deleting the picked durable; empty when none is picked. */
    public String deleteQuestion() {
        DurableInfo durable = selected.get();
        return durable == null ? "" : DurableText.deleteQuestion(durable);
    }

    /** Deletes the picked durable (ask {@link #deleteQuestion()} first), then reads the list again. */
    public void delete() {
        DurableInfo target = selected.get();
        if (target == null || deleting.get()) {
            return;
        }
        actionError.set("");
        notice.set("");
        BusConnection bus;
        try {
            bus = connection.require();
        } catch (RuntimeException e) {
            actionError.set(deleteFailure(target.name(), e));
            return;
        }
        deleting.set(true);
        Tasks.run(executors, () -> bus.durables().delete(target.name()), existed -> {
            deleting.set(false);
            if (target.name().equals(selectedName)) {
                select(null);
            }
            notice.set(existed ? "Deleted durable " + target.name()
                    : "Durable " + target.name() + " was already gone");
            refresh();
        }, failure -> {
            deleting.set(false);
            actionError.set(deleteFailure(target.name(), failure));
        });
    }

    private void settled(BusConnection bus, Runnable apply) {
        reading = false;
        if (bus == connection.value().getValue()) {
            apply.run();
        }
        if (readAgain) {
            readAgain = false;
            refresh();
        }
    }

    private void show(List<DurableInfo> listed) {
        readAt = clock.instant();
        error.set("");
        applying = true;
        try {
            durables.setAll(listed);
        } finally {
            applying = false;
        }
        shared.set(listed.stream().anyMatch(DurableText::shared));
        summary.set(DurableText.summary(listed, readAt, clock.getZone()));
        placeholder.set(EMPTY);
        pick(listed.stream().filter(durable -> durable.name().equals(selectedName)).findFirst().orElse(null));
    }

    private void readFailed(Throwable failure) {
        error.set(Tasks.failure("Reading the durables", failure));
        placeholder.set(UNREACHABLE);
        if (readAt != null && !durables.isEmpty()) {
            summary.set(DurableText.stale(durables.size(), readAt, clock.getZone()));
        }
    }

    private void pick(DurableInfo durable) {
        selected.set(durable);
        details.setAll(durable == null ? List.of() : DurableText.details(durable, readAt, clock.getZone()));
        members.setAll(durable == null ? List.of() : DurableText.members(durable, clock.getZone()));
        membersTitle.set(durable == null ? "Members" : DurableText.membersTitle(durable));
        membersPlaceholder.set(durable == null ? PICK_FOR_MEMBERS : DurableText.noMembers(durable));
    }

    /** Another bus: nothing read from the last one applies, and a read of it under way is dropped when it ends. */
    private void switched() {
        readAgain = reading;
        readAt = null;
        selectedName = null;
        applying = true;
        try {
            durables.clear();
        } finally {
            applying = false;
        }
        pick(null);
        shared.set(false);
        summary.set("");
        placeholder.set(READING);
        error.set("");
        actionError.set("");
        notice.set("");
    }

    private static String deleteFailure(String name, Throwable failure) {
        String line = Tasks.failure("Deleting durable " + name, failure);
        if (Tasks.unwrap(failure) instanceof KmbException kmb && kmb.code() == ErrorCode.FORBIDDEN) {
            line += ". Deleting a durable needs a token with the admin permission.";
        }
        return line;
    }
}
