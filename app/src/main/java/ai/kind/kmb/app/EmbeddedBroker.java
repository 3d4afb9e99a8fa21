package ai.kind.kmb.app;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker KMB Studio runs in its own process: a SQLite log in the data directory, and the
 * network server on 127.0.0.1 so that agents and kmbctl on the same machine can join. When the
 * asked-for port is taken (often by another Studio or a kmbd), it listens on a free port instead
 * and says so in {@link #notice()}, rather than refusing to start.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Broker broker;
    private final KmbServer server;
    private final String notice;

    private EmbeddedBroker(Broker broker, KmbServer server, String notice) {
        this.broker = broker;
        this.server = server;
        this.notice = notice;
    }

    public static EmbeddedBroker start(Path dataDirectory, int port) {
        Broker broker = Broker.start(SqliteStore.open(dataDirectory), BrokerOptions.defaults());
        try {
            return new EmbeddedBroker(broker, KmbServer.start(broker, ServerOptions.loopback(port), "kmb-studio"), null);
        } catch (IllegalStateException taken) {
            try {
                KmbServer fallback = KmbServer.start(broker, ServerOptions.loopback(0), "kmb-studio");
                return new EmbeddedBroker(broker, fallback, "port " + port + " is in use; the embedded broker listens on "
                        + fallback.url() + " instead");
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String url() {
        return server.url();
    }

    public Broker broker() {
        return broker;
    }

    /** Set when the broker could not have the port it was asked for. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    /** A fresh connection to this broker; closing it leaves the broker running. */
    public EmbeddedConnection connect() {
        return new EmbeddedConnection(broker, "embedded broker on " + server.url());
    }

    /** The server first, so that clients are told goodbye, then the broker, which closes the store. */
    @Override
    public void close() {
        server.close();
        broker.close();
    }
}
