package ai.kind.kmb.request;

import ai.kind.kmb.KmbClient;
import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import ai.kind.kmb.history.History;
import ai.kind.kmb.remote.RemoteBusOptions;
import ai.kind.kmb.remote.RemoteConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker and the clients a test needs, either all in this process over the broker itself, or
 * each over its own WebSocket connection to a KmbServer in front of it: the two ways an agent meets
 * the bus, which every request and transaction test runs both of.
 */
public final class BusSetup implements AutoCloseable {
    public enum Mode { IN_PROCESS, NETWORK }

    public final Broker broker;
    private final Mode mode;
    private final KmbServer server;
    private final List<KmbClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public BusSetup(Mode mode) {
        this(mode, BrokerOptions.defaults());
    }

    public BusSetup(Mode mode, BrokerOptions options) {
        this.mode = mode;
        this.broker = Broker.start(new InMemoryStore(), options);
        this.server = mode == Mode.NETWORK ? KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-request-test")
                : null;
    }

    /** A new client: another agent on the bus. */
    public KmbClient client() {
        KmbClient client = mode == Mode.IN_PROCESS ? KmbClient.over(broker)
                : KmbClient.connect(RemoteBusOptions.defaults(url()).withRequestTimeout(Duration.ofSeconds(5)));
        clients.add(client);
        return client;
    }

    /** The broker's history as this mode reads it: the store itself, or the REST API. */
    public History history() {
        if (mode == Mode.IN_PROCESS) {
            return broker.store();
        }
        RemoteConnection connection = RemoteConnection.open(RemoteBusOptions.defaults(url()));
        closeables.add(connection);
        return connection;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        clients.forEach(KmbClient::close);
        closeables.forEach(closeable -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (server != null) {
            server.close();
        }
        broker.close();
    }
}
