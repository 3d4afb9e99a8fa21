package ai.kind.kmb.ui.connect;

import ai.kind.kmb.connection.BusConnection;
import ai.kind.kmb.connection.ConnectionStatus;
import ai.kind.kmb.ui.feed.LiveFeed;
import ai.kind.kmb.ui.support.UiExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connection the Studio is using, and switching to another without a restart. Opening,
 * subscribing and closing happen on the background executor; the properties change on the UI
 * executor, with {@code beforeSwitch} callbacks run there first so models clear the old bus's data.
 * Views of later features read {@link #connectionProperty()} to reach the bus.
 */
public final class ConnectionManager implements AutoCloseable {
    private final Connector connector;
    private final LiveFeed feed;
    private final UiExecutors executors;
    private final List<Runnable> beforeSwitch = new ArrayList<>();
    private final ReadOnlyObjectWrapper<BusConnection> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionProfile> profile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionStatus> status =
            new ReadOnlyObjectWrapper<>(new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, "Not connected"));
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");

    public ConnectionManager(Connector connector, LiveFeed feed, UiExecutors executors) {
        this.connector = connector;
        this.feed = feed;
        this.executors = executors;
    }

    // ---- properties

    public ReadOnlyObjectProperty<BusConnection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionProfile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    /** Why the last attempt failed, or empty. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public Optional<String> unavailableReason(ConnectionProfile candidate) {
        return connector.unavailableReason(candidate);
    }

    // ---- commands

    /** Runs on the UI executor before the models see a new connection: clear what belonged to the old one. */
    public void onSwitch(Runnable clear) {
        beforeSwitch.add(clear);
    }

    /**
     * Switches to {@code target}. The old connection stays in use until the new one is open, so a
     * failed switch leaves the Studio where it was.
     */
    public CompletableFuture<Void> connect(ConnectionProfile target) {
        Optional<String> unavailable = connector.unavailableReason(target);
        if (unavailable.isPresent()) {
            lastError.set(unavailable.get());
            return CompletableFuture.failedFuture(new IllegalStateException(unavailable.get()));
        }
        switching.set(true);
        lastError.set("");
        status.set(new ConnectionStatus(ConnectionStatus.State.CONNECTING, "Connecting to " + target.name() + "…"));
        BusConnection previous = connection.get();
        return CompletableFuture.runAsync(() -> {
            BusConnection opened = open(target);
            // The old feed stops and forgets before the models clear, so nothing of the old bus
            // reaches them afterwards; only then does the feed listen to the new one.
            feed.reset();
            onUi(() -> beforeSwitch.forEach(Runnable::run));
            try {
                feed.attach(opened);
            } catch (RuntimeException e) {
                opened.close();
                if (previous != null) {
                    feed.attach(previous);
                }
                throw e;
            }
            onUi(() -> {
                connection.set(opened);
                profile.set(target);
                status.set(opened.status());
                switching.set(false);
            });
            if (previous != null) {
                previous.close();
            }
        }, executors.background()).whenComplete((done, error) -> {
            if (error != null) {
                executors.ui().execute(() -> {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    lastError.set("Could not connect to " + target.name() + ": " + cause.getMessage());
                    status.set(previous != null ? previous.status()
                            : new ConnectionStatus(ConnectionStatus.State.DISCONNECTED, "Not connected"));
                    switching.set(false);
                });
            }
        });
    }

    /** Asks the connection how it stands, off the FX thread (a remote one may take a moment). */
    public void refreshStatus() {
        BusConnection current = connection.get();
        if (current == null || switching.get()) {
            return;
        }
        executors.background().execute(() -> {
            ConnectionStatus now = current.status();
            executors.ui().execute(() -> {
                if (connection.get() == current) {
                    status.set(now);
                }
            });
        });
    }

    /** Runs on the UI executor and waits: the switch goes step by step across the two threads. */
    private void onUi(Runnable step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executors.ui().execute(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.join();
    }

    private BusConnection open(ConnectionProfile target) {
        try {
            return connector.open(target);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        feed.detach();
        BusConnection current = connection.get();
        if (current != null) {
            current.close();
        }
    }
}
