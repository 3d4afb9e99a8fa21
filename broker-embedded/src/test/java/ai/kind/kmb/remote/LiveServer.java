package ai.kind.kmb.remote;

import ai.kind.kmb.broker.Broker;
import ai.kind.kmb.broker.BrokerOptions;
import ai.kind.kmb.broker.net.KmbServer;
import ai.kind.kmb.broker.net.ServerOptions;
import ai.kind.kmb.broker.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Duration;

/**
 * A real server in this process: a broker on an in-memory store behind KmbServer on a free loopback
 * port. The network side can be stopped and started again on the same port over the same broker,
 * which is a server restart that keeps its data (durable positions included).
 */
public final class LiveServer implements AutoCloseable {
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(10);

    public final Broker broker;
    private final int port;
    private volatile KmbServer server;

    public LiveServer() {
        this.broker = Broker.start(new InMemoryStore(), BrokerOptions.defaults());
        this.server = KmbServer.start(broker, ServerOptions.loopback(0), "kmbd-sdk-test");
        this.port = server.port();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Options for tests: short heartbeat and backoff, so that losses are noticed and mended quickly. */
    public RemoteBusOptions options() {
        return options(url());
    }

    /** The same options for a client that reaches this server another way (through a proxy, say). */
    public static RemoteBusOptions options(URI url) {
        return RemoteBusOptions.defaults(url).withRequestTimeout(Duration.ofSeconds(5))
                .withReconnectMaxBackoff(Duration.ofMillis(200)).withHeartbeatInterval(Duration.ofMillis(500));
    }

    public RemoteBus connect() {
        return RemoteBus.connect(options());
    }

    /** Closes the network server as a shutdown does (goodbye 1001 on every socket); the broker stays. */
    public void stopNetwork() {
        server.close();
    }

    /** Serves again on the same port; binding is retried while the old sockets let go of it. */
    public void startNetwork() throws InterruptedException {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            try {
                server = KmbServer.start(broker, ServerOptions.loopback(port), "kmbd-sdk-test");
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        server.close();
        broker.close();
    }
}
