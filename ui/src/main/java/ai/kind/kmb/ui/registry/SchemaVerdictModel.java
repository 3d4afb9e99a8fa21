package ai.kind.kmb.ui.registry;

import ai.kind.kmb.Envelope;
import ai.kind.kmb.ErrorDetail;
import ai.kind.kmb.registry.ValidationVerdict;
import ai.kind.kmb.ui.feed.DisplayMessage;
import ai.kind.kmb.ui.messages.MessageListModel;
import ai.kind.kmb.ui.support.CurrentConnection;
import ai.kind.kmb.ui.support.Tasks;
import ai.kind.kmb.ui.support.UiExecutors;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The schema verdict of the message selected in the inspector, asked of the connection's registry
 * in the background each time the selection changes. An answer that arrives after the selection
 * moved on is dropped, so the badge never shows another message's verdict.
 */
public final class SchemaVerdictModel {
    /** What the badge shows; its style follows. */
    public enum State { NONE, CHECKING, VALID, INVALID, UNDESCRIBED, UNKNOWN }

    private final CurrentConnection connection;
    private final UiExecutors executors;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NONE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private DisplayMessage checking;

    public SchemaVerdictModel(MessageListModel messages, CurrentConnection connection, UiExecutors executors) {
        this.connection = connection;
        this.executors = executors;
        messages.selectedProperty().addListener((obs, old, now) -> check(now));
    }

    // ---- properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "Schema v2 ✓", "Schema v1: 2 violations", "No schema"; empty with no selection. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Every violation on its own line (pointer: message), or why there is no verdict. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    // ---- commands

    private void check(DisplayMessage selected) {
        checking = selected;
        if (selected == null) {
            show(State.NONE, "", "");
            return;
        }
        if (selected.truncated()) {
            show(State.UNKNOWN, "Schema not checked", "The payload was truncated for display, so it is not checked.");
            return;
        }
        show(State.CHECKING, "Checking schema…", "");
        Envelope message = selected.envelope();
        Tasks.onBus(executors, connection, bus -> bus.registry().validate(message.topic(),
                        message.metadata().schemaVersion(), message.payload()),
                verdict -> {
                    if (checking == selected) {
                        shown(verdict);
                    }
                },
                failure -> {
                    if (checking == selected) {
                        show(State.UNKNOWN, "Schema unknown", Tasks.failure("Checking the schema", failure));
                    }
                });
    }

    private void shown(ValidationVerdict verdict) {
        if (!verdict.described()) {
            show(State.UNDESCRIBED, "No schema", verdict.topic() + " has no descriptor in the registry.");
        } else if (verdict.valid()) {
            show(State.VALID, "Schema " + verdict.version() + " ✓", "The payload matches " + verdict.topic() + " "
                    + verdict.version() + ".");
        } else {
            int count = verdict.violations().size();
            show(State.INVALID, "Schema " + verdict.version() + ": " + count + (count == 1 ? " violation" : " violations"),
                    verdict.violations().stream().map(SchemaVerdictModel::line).collect(Collectors.joining("\n")));
        }
    }

    private static String line(ErrorDetail violation) {
        return (violation.field().isEmpty() ? "/" : violation.field()) + ": " + violation.reason();
    }

    private void show(State now, String label, String why) {
        state.set(now);
        text.set(label);
        details.set(why);
    }
}
