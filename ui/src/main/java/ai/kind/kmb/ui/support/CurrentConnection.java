package ai.kind.kmb.ui.support;

import ai.kind.kmb.ErrorCode;
import ai.kind.kmb.KmbException;
import ai.kind.kmb.connection.BusConnection;
import java.util.Objects;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The bus the Studio is connected to now, for models that act on it: the connection can switch
 * (embedded, then a remote profile), so a model asks for it at the moment it acts rather than
 * keeping the one it was built with. Read it on the UI executor and hand the result to background
 * work, so that a task and its callbacks agree on which bus they used.
 */
public record CurrentConnection(ObservableValue<BusConnection> value) {
    public CurrentConnection {
        Objects.requireNonNull(value, "value");
    }

    /** A connection that never switches: for tests and single-bus tools. */
    public static CurrentConnection of(BusConnection connection) {
        return new CurrentConnection(new SimpleObjectProperty<>(connection));
    }

    /** The connection, or a {@code unavailable} error that says there is none yet. */
    public BusConnection require() {
        BusConnection connection = value.getValue();
        if (connection == null) {
            throw new KmbException(ErrorCode.UNAVAILABLE, "the Studio is not connected to a bus yet");
        }
        return connection;
    }

    public boolean isConnected() {
        return value.getValue() != null;
    }
}
