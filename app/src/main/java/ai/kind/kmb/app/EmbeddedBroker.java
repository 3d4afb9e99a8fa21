package ai.kind.kmb.app;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.EmbeddedConnection;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker KMB Studio runs in its own process: a SQLite log in the data directory (or a shared
 * Redis or PostgreSQL, see {@link EmbeddedBackend}), and the
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
        return start(EmbeddedBackend.sqlite(), dataDirectory, port);
    }

    /** On a shared backend the broker is one node of that bus: it hears and reaches the other nodes. */
    public static EmbeddedBroker start(EmbeddedBackend backend, Path dataDirectory, int port) {
        Broker broker = backend.start(dataDirectory);
        try {
            KmbServer server;
            String notice = null;
            try {
                server = KmbServer.start(broker, ServerOptions.loopback(port), "kmb-studio");
            } catch (Exception e) {
                // Netty's bind rethrows java.net.BindException undeclared, so it is caught as Exception.
                if (!isPortTaken(e)) {
                    throw e;
                }
                server = KmbServer.start(broker, ServerOptions.loopback(0), "kmb-studio");
                notice = "port " + port + " is in use; the embedded broker listens on " + server.url() + " instead";
            }
            return new EmbeddedBroker(broker, server, notice);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        } catch (Exception e) {
            broker.close();
            throw new IllegalStateException("cannot start the embedded broker's server: " + e.getMessage(), e);
        }
    }

    private static boolean isPortTaken(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause()) {
            if (at instanceof BindException || at instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
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
